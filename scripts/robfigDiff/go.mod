// The oracle of fuzz.mjs, built offline against Debian's robfig/cron v3.0.1 sources
// (package golang-github-robfig-cron-dev); fuzz.mjs builds with GOFLAGS=-mod=mod GOPROXY=off.
module robfigdiff

go 1.19

require github.com/robfig/cron/v3 v3.0.1

replace github.com/robfig/cron/v3 => /usr/share/gocode/src/github.com/robfig/cron
