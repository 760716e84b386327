package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// migration brings the schema up by one version. It runs inside the one
// read-write transaction of Open, so a failed upgrade leaves the file as it
// was.
type migration func(tx *bolt.Tx) error

// migrations are run in order at Open; the schema version is their count.
// Append only: a released step never changes, since files in the field have
// already run it.
var migrations = []migration{
	createBuckets,     // 1
	buildIndex,        // 2: listing indexes (index.go)
	createGroups,      // 3: groups of claims across articles (groups.go)
	splitGroupMembers, // 4: a group's members kept apart from it (members.go)
}

// SchemaVersion is the schema version this build reads and writes: the
// number of migrations (a test keeps the two equal).
const SchemaVersion = 4

// createBuckets is migration 1.
func createBuckets(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// migrate runs the steps the file has not run yet. A read-only open can only
// check that there are none.
func migrate(db *bolt.DB, steps []migration, readOnly bool) error {
	if readOnly {
		return db.View(func(tx *bolt.Tx) error { return checkVersion(tx, len(steps)) })
	}
	return db.Update(func(tx *bolt.Tx) error { return runMigrations(tx, steps) })
}

// checkVersion is migrate for a read-only open.
func checkVersion(tx *bolt.Tx, want int) error {
	have, err := readVersion(tx)
	if err != nil {
		return err
	}
	if have > want {
		return tooNew(have, want)
	}
	if have < want {
		return fmt.Errorf("%w: schema version %d is older than %d; open it read-write once to migrate it",
			ErrSchemaVersion, have, want)
	}
	return nil
}

func runMigrations(tx *bolt.Tx, steps []migration) error {
	have, err := readVersion(tx)
	if err != nil {
		return err
	}
	if have > len(steps) {
		return tooNew(have, len(steps))
	}
	if have == len(steps) {
		return nil
	}
	for v := have; v < len(steps); v++ {
		if err := steps[v](tx); err != nil {
			return fmt.Errorf("migrate to schema version %d: %w", v+1, err)
		}
	}
	return writeVersion(tx, len(steps))
}

func tooNew(have, want int) error {
	return fmt.Errorf("%w: schema version %d was written by a newer claimwire (this one knows up to %d); upgrade claimwire",
		ErrSchemaVersion, have, want)
}

// readVersion returns the file's schema version; 0 for a new, empty file.
func readVersion(tx *bolt.Tx) (int, error) {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		return 0, checkEmpty(tx)
	}
	v := meta.Get(versionKey)
	if len(v) != 8 {
		return 0, fmt.Errorf("%w: bucket %s: bad %s value %x", ErrSchemaVersion, metaBucket, versionKey, v)
	}
	return int(binary.BigEndian.Uint64(v)), nil
}

// checkEmpty refuses a bbolt file that has buckets but no meta bucket: it
// belongs to some other program, and migrating it would mix our buckets in.
func checkEmpty(tx *bolt.Tx) error {
	c := tx.Cursor()
	if k, _ := c.First(); k != nil {
		return fmt.Errorf("%w: no %s bucket but a %q bucket: not a claimwire database", ErrSchemaVersion, metaBucket, k)
	}
	return nil
}

func writeVersion(tx *bolt.Tx, v int) error {
	err := tx.Bucket(metaBucket).Put(versionKey, binary.BigEndian.AppendUint64(nil, uint64(v)))
	if err != nil {
		return fmt.Errorf("write schema version %d: %w", v, err)
	}
	return nil
}
