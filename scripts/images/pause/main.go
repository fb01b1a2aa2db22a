// Command pause is kubelab's stand-in for registry.k8s.io/pause: the process
// that holds a pod's namespaces. Like upstream's pause.c it sleeps until
// SIGINT or SIGTERM (then exits 0), reaps every zombie re-parented to it
// (it is PID 1 of the pod when the PID namespace is shared), warns when it
// is not PID 1, and prints its version with -v.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

const version = "3.10-kubelab"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-v" {
		fmt.Printf("pause.go %s\n", version)
		return
	}
	if os.Getpid() != 1 {
		fmt.Fprintln(os.Stderr, "Warning: pause should be the first process")
	}

	signals := make(chan os.Signal, 16)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM, syscall.SIGCHLD)
	for sig := range signals {
		switch sig {
		case syscall.SIGCHLD:
			reapZombies()
		default:
			fmt.Fprintf(os.Stderr, "Shutting down, got signal: %v\n", sig)
			os.Exit(0)
		}
	}
}

// reapZombies collects every exited child without blocking. Signals coalesce,
// so one SIGCHLD may stand for many children.
func reapZombies() {
	for {
		var status syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &status, syscall.WNOHANG, nil)
		if err == syscall.EINTR {
			continue
		}
		if pid <= 0 || err != nil {
			return
		}
	}
}
