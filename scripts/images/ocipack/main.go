// Command ocipack packs kubelab's offline images without Docker.
//
//	ocipack layer -o LAYER.tar.gz DIR
//	    DIR as one gzip'd tar layer (sorted entries, mtime 0, numeric owners),
//	    plus LAYER.tar.gz.json with its digest, diffID and size.
//	ocipack image -o ARCHIVE.tar -ref REF -config CONFIG.json LAYER.tar.gz...
//	    an OCI image layout as one tar (oci-layout, index.json, blobs/sha256/*)
//	    for linux/amd64, named REF for `ctr images import`. CONFIG.json holds
//	    the OCI runtime config object (Entrypoint, Cmd, Env, User, ...).
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "ocipack:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("expected a command, layer or image; see the comment in scripts/images/ocipack/main.go")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	out := fs.String("o", "", "output file (required)")
	switch args[0] {
	case "layer":
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if *out == "" || fs.NArg() != 1 {
			return fmt.Errorf("usage: ocipack layer -o LAYER.tar.gz DIR")
		}
		info, err := packLayer(fs.Arg(0), *out)
		if err != nil {
			return err
		}
		fmt.Printf("%s %s %d\n", info.Digest, info.DiffID, info.Size)
		return nil
	case "image":
		ref := fs.String("ref", "", "fully qualified image reference (required)")
		configPath := fs.String("config", "", "JSON file with the OCI runtime config (required)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if *out == "" || *ref == "" || *configPath == "" || fs.NArg() == 0 {
			return fmt.Errorf("usage: ocipack image -o ARCHIVE.tar -ref REF -config CONFIG.json LAYER.tar.gz...")
		}
		config, err := os.ReadFile(*configPath)
		if err != nil {
			return err
		}
		return writeImage(imageOptions{ref: *ref, config: config, layers: fs.Args(), archive: *out})
	default:
		return fmt.Errorf("unknown command %q: expected layer or image", args[0])
	}
}
