// Command coredns is kubelab's small CoreDNS build: upstream CoreDNS at the
// version pinned in go.mod, with only the plugins a kubeadm-style cluster
// Corefile uses. This is the custom build CoreDNS documents ("compile with an
// external plugin / fewer plugins"): import the server, set the directive
// order, blank-import the plugins.
package main

import (
	"github.com/coredns/caddy"
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/forward"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/hosts"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/loop"
	_ "github.com/coredns/coredns/plugin/metrics"
	_ "github.com/coredns/coredns/plugin/ready"
	_ "github.com/coredns/coredns/plugin/reload"
	_ "github.com/coredns/coredns/plugin/rewrite"
	_ "github.com/coredns/coredns/plugin/whoami"
)

// init runs after every imported plugin registered itself. It keeps
// upstream's execution order (core/dnsserver/zdirectives.go) for the plugins
// compiled in: the ones imported above and those they pull in (metadata,
// transfer, dnstap, debug), so a Corefile naming any other plugin is refused
// at start with "unknown directive".
func init() {
	registered := map[string]bool{}
	for _, name := range caddy.ListPlugins()["others"] {
		registered[name] = true // "<server type>.<plugin>", e.g. dns.cache
	}
	var kept []string
	for _, d := range dnsserver.Directives {
		if registered["dns."+d] {
			kept = append(kept, d)
		}
	}
	dnsserver.Directives = kept
}

func main() {
	coremain.Run()
}
