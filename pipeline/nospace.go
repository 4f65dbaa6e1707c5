package pipeline

import "syscall"

var errNoSpace error = syscall.ENOSPC
