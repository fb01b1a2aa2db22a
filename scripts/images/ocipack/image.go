package main

import (
	"archive/tar"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

const (
	mediaIndex    = "application/vnd.oci.image.index.v1+json"
	mediaManifest = "application/vnd.oci.image.manifest.v1+json"
	mediaConfig   = "application/vnd.oci.image.config.v1+json"
	mediaLayer    = "application/vnd.oci.image.layer.v1.tar+gzip"
	// containerd takes the image name from this annotation verbatim; from
	// org.opencontainers.image.ref.name only after `ctr import` rewrites it.
	annotationContainerdName = "io.containerd.image.name"
	annotationRefName        = "org.opencontainers.image.ref.name"
)

type descriptor struct {
	MediaType   string            `json:"mediaType"`
	Digest      string            `json:"digest"`
	Size        int64             `json:"size"`
	Platform    *platform         `json:"platform,omitempty"`
	Annotations map[string]string `json:"annotations,omitempty"`
}

type platform struct {
	Architecture string `json:"architecture"`
	OS           string `json:"os"`
}

type history struct {
	Created   string `json:"created"`
	CreatedBy string `json:"created_by"`
}

// imageOptions describe one image: its reference, its runtime config (the
// OCI "config" object: Entrypoint, Cmd, Env, User, WorkingDir, ExposedPorts,
// Labels, StopSignal) and its layers, bottom first.
type imageOptions struct {
	ref     string
	config  json.RawMessage
	layers  []string
	archive string
}

func writeImage(opts imageOptions) error {
	tag := opts.ref[strings.LastIndex(opts.ref, ":")+1:]
	if !strings.Contains(opts.ref, "/") || strings.Contains(tag, "/") || tag == "latest" {
		return fmt.Errorf("expected a fully qualified reference with a pinned tag (registry/repo:tag), got %q", opts.ref)
	}
	var runtimeConfig map[string]any
	if err := json.Unmarshal(opts.config, &runtimeConfig); err != nil {
		return fmt.Errorf("config: expected a JSON object: %w", err)
	}

	infos := make([]LayerInfo, len(opts.layers))
	diffIDs := make([]string, len(opts.layers))
	hist := make([]history, len(opts.layers))
	for i, blob := range opts.layers {
		info, err := readLayerInfo(blob)
		if err != nil {
			return err
		}
		infos[i], diffIDs[i] = info, info.DiffID
		hist[i] = history{Created: epoch.Format("2006-01-02T15:04:05Z"), CreatedBy: "kubelab scripts/images: " + baseName(blob)}
	}

	config := mustJSON(map[string]any{
		"created":      epoch.Format("2006-01-02T15:04:05Z"),
		"architecture": "amd64",
		"os":           "linux",
		"config":       runtimeConfig,
		"rootfs":       map[string]any{"type": "layers", "diff_ids": diffIDs},
		"history":      hist,
	})
	layerDescs := make([]descriptor, len(infos))
	for i, info := range infos {
		layerDescs[i] = descriptor{MediaType: mediaLayer, Digest: info.Digest, Size: info.Size}
	}
	manifest := mustJSON(map[string]any{
		"schemaVersion": 2,
		"mediaType":     mediaManifest,
		"config":        descriptor{MediaType: mediaConfig, Digest: digestOf(config), Size: int64(len(config))},
		"layers":        layerDescs,
	})
	index := mustJSON(map[string]any{
		"schemaVersion": 2,
		"mediaType":     mediaIndex,
		"manifests": []descriptor{{
			MediaType: mediaManifest,
			Digest:    digestOf(manifest),
			Size:      int64(len(manifest)),
			Platform:  &platform{Architecture: "amd64", OS: "linux"},
			Annotations: map[string]string{
				annotationContainerdName: opts.ref,
				annotationRefName:        tag,
			},
		}},
	})

	f, err := os.Create(opts.archive + ".partial")
	if err != nil {
		return err
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	for _, dir := range []string{"blobs/", "blobs/sha256/"} {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: dir, Mode: 0o755, ModTime: epoch}); err != nil {
			return err
		}
	}
	for i, blob := range opts.layers {
		if err := addFile(tw, blobPath(infos[i].Digest), blob, infos[i].Size); err != nil {
			return err
		}
	}
	for _, b := range [][]byte{config, manifest} {
		if err := addBytes(tw, blobPath(digestOf(b)), b); err != nil {
			return err
		}
	}
	if err := addBytes(tw, "oci-layout", []byte(`{"imageLayoutVersion":"1.0.0"}`)); err != nil {
		return err
	}
	if err := addBytes(tw, "index.json", index); err != nil {
		return err
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(opts.archive+".partial", opts.archive)
}

func addBytes(tw *tar.Writer, name string, b []byte) error {
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: int64(len(b)), ModTime: epoch}); err != nil {
		return err
	}
	_, err := tw.Write(b)
	return err
}

func addFile(tw *tar.Writer, name, path string, size int64) error {
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: size, ModTime: epoch}); err != nil {
		return err
	}
	n, err := io.Copy(tw, src)
	if err == nil && n != size {
		err = fmt.Errorf("%s: expected %d bytes as its .json says, read %d; repack the layer", path, size, n)
	}
	return err
}

func blobPath(digest string) string { return "blobs/sha256/" + strings.TrimPrefix(digest, "sha256:") }

func digestOf(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain types are marshalled
	}
	return b
}

func baseName(path string) string { return path[strings.LastIndex(path, "/")+1:] }
