//go:build unix

package extract

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used, user and system: the
// benchmarks divide work by it as well as by wall time, which on a busy
// machine counts time spent waiting for a core.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
