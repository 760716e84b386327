package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's on-disk layout, as far as preflight reads it: each of the first
// two pages holds a meta record after the page header.
const (
	pageHeaderLen    = 16
	metaChecksumAt   = 56 // offset of the checksum within the meta record
	metaLen          = metaChecksumAt + 8
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0)
	boltMagic        = 0xED0CDAED
)

// preflight checks, before bbolt opens a file for writing, what bbolt
// reads while opening it: that the file holds every page its header counts
// and that the freelist page is one. bbolt panics on either, and a panic in
// its Open leaves the file mapped and locked until the process exits.
// Files it cannot make sense of are left for bbolt to refuse.
func preflight(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // bbolt reports it
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return nil
	}
	m, ok := newestMeta(f)
	if !ok {
		return nil
	}
	if need := int64(m.pgid) * int64(m.pageSize); info.Size() < need {
		return damaged(path, fmt.Errorf("the file has %d bytes but its pages take %d: it was truncated", info.Size(), need))
	}
	if m.freelist == noFreelist {
		return nil
	}
	hdr := make([]byte, pageHeaderLen)
	if _, err := f.ReadAt(hdr, int64(m.freelist)*int64(m.pageSize)); err != nil && !errors.Is(err, io.EOF) {
		return damaged(path, fmt.Errorf("read the freelist page %d: %w", m.freelist, err))
	}
	if flags := binary.LittleEndian.Uint16(hdr[8:]); flags != freelistPageFlag {
		return damaged(path, fmt.Errorf("page %d should hold the freelist but has flags %#x", m.freelist, flags))
	}
	return nil
}

// meta is what preflight needs of a meta record.
type meta struct {
	pageSize             uint32
	freelist, pgid, txid uint64
}

// newestMeta reads the valid meta record with the higher transaction ID,
// as bbolt does.
func newestMeta(f *os.File) (meta, bool) {
	var best meta
	found := false
	for _, at := range []int64{0, -1} {
		if at < 0 {
			if !found {
				return best, false // the second meta's place depends on the page size the first gives
			}
			at = int64(best.pageSize)
		}
		if m, ok := readMeta(f, at); ok && (!found || m.txid > best.txid) {
			best, found = m, true
		}
	}
	return best, found
}

func readMeta(f *os.File, at int64) (meta, bool) {
	buf := make([]byte, pageHeaderLen+metaLen)
	if _, err := f.ReadAt(buf, at); err != nil {
		return meta{}, false
	}
	rec := buf[pageHeaderLen:]
	h := fnv.New64a()
	h.Write(rec[:metaChecksumAt])
	le := binary.LittleEndian
	if le.Uint32(rec) != boltMagic || h.Sum64() != le.Uint64(rec[metaChecksumAt:]) {
		return meta{}, false
	}
	m := meta{pageSize: le.Uint32(rec[8:]), freelist: le.Uint64(rec[32:]), pgid: le.Uint64(rec[40:]), txid: le.Uint64(rec[48:])}
	return m, m.pageSize >= 512 && m.pageSize <= 1<<20
}
