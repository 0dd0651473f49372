// Reference oracle for scripts/robfigDiff/fuzz.mjs: reads {"spec","from","count"} JSON lines and
// answers with robfig/cron v3.0.1 ParseStandard + Next (time.Local = UTC), one JSON line each.
// A Next that does not return within 3 s is reported as {"error":"hang"} (robfig can loop forever).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/robfig/cron/v3"
)

type req struct {
	Spec  string `json:"spec"`
	From  string `json:"from"`
	Count int    `json:"count"`
}
type resp struct {
	Ok    bool     `json:"ok"`
	Error string   `json:"error,omitempty"`
	Next  []string `json:"next"`
	Every int64    `json:"everyMs,omitempty"`
}

func answer(r req) (out resp) {
	defer func() {
		if p := recover(); p != nil {
			out = resp{Ok: false, Error: fmt.Sprintf("panic: %v", p)}
		}
	}()
	s, err := cron.ParseStandard(r.Spec)
	if err != nil {
		return resp{Ok: false, Error: err.Error(), Next: []string{}}
	}
	from, _ := time.Parse(time.RFC3339Nano, r.From)
	from = from.UTC()
	out = resp{Ok: true, Next: []string{}}
	if e, ok := s.(cron.ConstantDelaySchedule); ok {
		out.Every = int64(e.Delay / time.Millisecond)
	}
	t := from
	for i := 0; i < r.Count; i++ {
		t = s.Next(t)
		if t.IsZero() {
			break
		}
		out.Next = append(out.Next, t.UTC().Format("2006-01-02T15:04:05Z"))
	}
	return out
}

func main() {
	time.Local = time.UTC
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for sc.Scan() {
		var r req
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			fmt.Fprintln(w, `{"ok":false,"error":"bad json"}`)
			continue
		}
		ch := make(chan resp, 1)
		go func() { ch <- answer(r) }()
		var a resp
		select {
		case a = <-ch:
		case <-time.After(3 * time.Second):
			a = resp{Ok: false, Error: "hang"}
		}
		b, _ := json.Marshal(a)
		w.Write(b)
		w.WriteString("\n")
	}
}
