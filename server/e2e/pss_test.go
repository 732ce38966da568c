package e2e

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// contentPSS sums the proportional set size (PSS, kB) of root's descendant
// processes whose command line contains marker: the engine's page (content,
// renderer) processes. It reads /proc; 0 where that is not possible.
func contentPSS(root int, marker string) (kb int, procs int) {
	parent := map[int]int{}
	cmdline := map[int]string{}
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		pid, _ := strconv.Atoi(filepath.Base(d))
		st, err := os.ReadFile(d + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces.
		f := strings.Fields(string(st[bytes.LastIndexByte(st, ')')+1:]))
		if len(f) > 1 {
			parent[pid], _ = strconv.Atoi(f[1])
		}
		c, _ := os.ReadFile(d + "/cmdline")
		cmdline[pid] = string(bytes.ReplaceAll(c, []byte{0}, []byte{' '}))
	}
	under := func(pid int) bool {
		for i := 0; pid > 1 && i < 64; i++ {
			if pid = parent[pid]; pid == root {
				return true
			}
		}
		return false
	}
	for pid, c := range cmdline {
		if !strings.Contains(c, marker) || !under(pid) {
			continue
		}
		f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "Pss:"); ok {
				n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
				kb += n
				procs++
				break
			}
		}
		f.Close()
	}
	return kb, procs
}
