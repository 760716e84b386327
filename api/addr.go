package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Addr is what a running daemon records beside its database.
type Addr struct {
	PID     int       `json:"pid"`
	Addr    string    `json:"addr"` // host:port of the API; "" when it serves none
	Started time.Time `json:"started"`
}

// maxAddrFile bounds the addr file we read: it is a few dozen bytes.
const maxAddrFile = 4096

// AddrFile is the path of the file that records the API address of the
// daemon holding the database at dbPath.
func AddrFile(dbPath string) string { return dbPath + ".addr" }

// WriteAddr records a daemon's address beside its database, atomically, so
// that a reader never sees half a file.
func WriteAddr(dbPath string, a Addr) error {
	data, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("addr file: %w", err)
	}
	path := AddrFile(dbPath)
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("addr file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("addr file %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("addr file %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("addr file: %w", err)
	}
	return nil
}

// ReadAddr reads the address a daemon recorded beside the database. An
// error wrapping fs.ErrNotExist means no daemon recorded one.
func ReadAddr(dbPath string) (Addr, error) {
	var a Addr
	path := AddrFile(dbPath)
	f, err := os.Open(path)
	if err != nil {
		return a, err
	}
	defer f.Close()
	data := make([]byte, maxAddrFile)
	n, err := f.Read(data)
	if err != nil {
		return a, fmt.Errorf("read %s: %w", path, err)
	}
	if err := json.Unmarshal(data[:n], &a); err != nil || a.Addr == "" && a.PID <= 0 {
		return a, fmt.Errorf("read %s: not an address file", path)
	}
	return a, nil
}

// RemoveAddr removes the address file, if any.
func RemoveAddr(dbPath string) error {
	err := os.Remove(AddrFile(dbPath))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove addr file: %w", err)
	}
	return nil
}
