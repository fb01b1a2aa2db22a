// Command coredns is kubelab's small CoreDNS build: upstream CoreDNS at the
// version pinned in go.mod, with only the plugins a kubeadm-style cluster
// Corefile uses. This is the custom build CoreDNS documents ("compile with an
// external plugin / fewer plugins"): import the server, set the directive
// order, blank-import the plugins.
package main

import (
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

// plugins are the directives compiled in; "prometheus" is the directive of
// plugin/metrics. Keep in step with the imports above.
var plugins = map[string]bool{
	"cache": true, "errors": true, "forward": true, "health": true, "hosts": true,
	"kubernetes": true, "loadbalance": true, "log": true, "loop": true,
	"prometheus": true, "ready": true, "reload": true, "rewrite": true, "whoami": true,
}

func init() {
	// Keep upstream's execution order (core/dnsserver/zdirectives.go), minus
	// the plugins not compiled in.
	var kept []string
	for _, d := range dnsserver.Directives {
		if plugins[d] {
			kept = append(kept, d)
		}
	}
	dnsserver.Directives = kept
}

func main() {
	coremain.Run()
}
