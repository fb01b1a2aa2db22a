package main

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// epoch is the mtime of every entry, so the same tree gives the same layer digest.
var epoch = time.Unix(0, 0).UTC()

// LayerInfo is written beside each layer blob (<blob>.json) and read back by
// the image command, so a layer shared by several images is packed once.
type LayerInfo struct {
	Digest string `json:"digest"` // sha256 of the gzip'd tar (the blob)
	DiffID string `json:"diffID"` // sha256 of the uncompressed tar
	Size   int64  `json:"size"`   // bytes of the blob
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// packLayer writes dir as a gzip'd tar to out, entries sorted by path, times
// fixed, numeric owners kept, hard links and file capabilities preserved.
func packLayer(dir, out string) (LayerInfo, error) {
	f, err := os.Create(out + ".partial")
	if err != nil {
		return LayerInfo{}, err
	}
	defer f.Close()

	blobHash, diffHash, count := sha256.New(), sha256.New(), &countingWriter{}
	gz, err := gzip.NewWriterLevel(io.MultiWriter(f, blobHash, count), gzip.DefaultCompression)
	if err != nil {
		return LayerInfo{}, err
	}
	tw := tar.NewWriter(io.MultiWriter(gz, diffHash))
	if err := writeTree(tw, dir); err != nil {
		return LayerInfo{}, fmt.Errorf("packing %s: %w", dir, err)
	}
	if err := tw.Close(); err != nil {
		return LayerInfo{}, err
	}
	if err := gz.Close(); err != nil {
		return LayerInfo{}, err
	}
	if err := f.Close(); err != nil {
		return LayerInfo{}, err
	}
	info := LayerInfo{
		Digest: "sha256:" + hex.EncodeToString(blobHash.Sum(nil)),
		DiffID: "sha256:" + hex.EncodeToString(diffHash.Sum(nil)),
		Size:   count.n,
	}
	meta, _ := json.MarshalIndent(info, "", "  ")
	if err := os.WriteFile(out+".json", append(meta, '\n'), 0o644); err != nil {
		return LayerInfo{}, err
	}
	return info, os.Rename(out+".partial", out)
}

func writeTree(tw *tar.Writer, root string) error {
	type inode struct{ dev, ino uint64 }
	seen := map[inode]string{}
	// WalkDir visits entries in lexical order, which makes the tar deterministic.
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil || rel == "." {
			return err
		}
		fi, err := os.Lstat(path)
		if err != nil {
			return err
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok {
			return fmt.Errorf("%s: no stat_t", path)
		}
		if fi.Mode()&fs.ModeSocket != 0 {
			return nil // sockets cannot be archived and mean nothing in an image
		}
		link := ""
		if fi.Mode()&fs.ModeSymlink != 0 {
			if link, err = os.Readlink(path); err != nil {
				return err
			}
		}
		hdr, err := tar.FileInfoHeader(fi, link)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		hdr.Name = filepath.ToSlash(rel)
		if fi.IsDir() {
			hdr.Name += "/"
		}
		hdr.Uid, hdr.Gid = int(st.Uid), int(st.Gid)
		hdr.Uname, hdr.Gname = "", "" // host names mean nothing in the image
		hdr.ModTime, hdr.AccessTime, hdr.ChangeTime = epoch, time.Time{}, time.Time{}
		hdr.Format = tar.FormatPAX
		if hdr.Typeflag == tar.TypeChar || hdr.Typeflag == tar.TypeBlock {
			hdr.Devmajor = int64((st.Rdev>>8)&0xfff | (st.Rdev>>32)&^0xfff)
			hdr.Devminor = int64(st.Rdev&0xff | (st.Rdev>>12)&^0xff)
		}
		if fi.Mode().IsRegular() && st.Nlink > 1 {
			key := inode{uint64(st.Dev), st.Ino}
			if first, ok := seen[key]; ok {
				hdr.Typeflag, hdr.Linkname, hdr.Size = tar.TypeLink, first, 0
			} else {
				seen[key] = hdr.Name
			}
		}
		if fi.Mode().IsRegular() {
			if capability := getxattr(path, "security.capability"); capability != "" {
				hdr.PAXRecords = map[string]string{"SCHILY.xattr.security.capability": capability}
			}
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if hdr.Typeflag != tar.TypeReg {
			return nil
		}
		src, err := os.Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(tw, src)
		return err
	})
}

// getxattr follows symlinks (the stdlib has no lgetxattr), so only call it on regular files.
func getxattr(path, name string) string {
	buf := make([]byte, 256)
	n, err := syscall.Getxattr(path, name, buf)
	if err != nil || n <= 0 {
		return ""
	}
	return string(buf[:n])
}

// readLayerInfo loads the sidecar written by packLayer.
func readLayerInfo(blob string) (LayerInfo, error) {
	var info LayerInfo
	raw, err := os.ReadFile(blob + ".json")
	if err != nil {
		return info, fmt.Errorf("layer %s has no %s.json; pack it with `ocipack layer` first: %w", blob, blob, err)
	}
	if err := json.Unmarshal(raw, &info); err != nil {
		return info, fmt.Errorf("%s.json: %w", blob, err)
	}
	if !strings.HasPrefix(info.Digest, "sha256:") || !strings.HasPrefix(info.DiffID, "sha256:") {
		return info, fmt.Errorf("%s.json: expected sha256 digest and diffID, got %q and %q", blob, info.Digest, info.DiffID)
	}
	return info, nil
}
