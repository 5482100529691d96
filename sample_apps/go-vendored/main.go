// Command go-vendored is a unit-conversion API whose conversion tables come from a vendored
// module (vendor/example.com/unitlib): a Go service with large vendored dependencies.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"runtime"
	"strconv"

	"example.com/unitlib/conv00"
	"example.com/unitlib/conv01"
	"example.com/unitlib/conv02"
	"example.com/unitlib/conv03"
	"example.com/unitlib/conv04"
	"example.com/unitlib/conv05"
)

// converter is one table of any set (every set has its own Quantity type).
type converter func(value float64, from, to string) (float64, error)

func sets() [][]converter {
	wrap := func(n int, get func(i int) converter) []converter {
		out := make([]converter, n)
		for i := range out {
			out[i] = get(i)
		}
		return out
	}
	return [][]converter{
		wrap(len(conv00.Tables), func(i int) converter {
			return func(v float64, from, to string) (float64, error) {
				q, err := conv00.Tables[i](conv00.Quantity{Value: v, Unit: from}, to)
				return q.Value, err
			}
		}),
		wrap(len(conv01.Tables), func(i int) converter {
			return func(v float64, from, to string) (float64, error) {
				q, err := conv01.Tables[i](conv01.Quantity{Value: v, Unit: from}, to)
				return q.Value, err
			}
		}),
		wrap(len(conv02.Tables), func(i int) converter {
			return func(v float64, from, to string) (float64, error) {
				q, err := conv02.Tables[i](conv02.Quantity{Value: v, Unit: from}, to)
				return q.Value, err
			}
		}),
		wrap(len(conv03.Tables), func(i int) converter {
			return func(v float64, from, to string) (float64, error) {
				q, err := conv03.Tables[i](conv03.Quantity{Value: v, Unit: from}, to)
				return q.Value, err
			}
		}),
		wrap(len(conv04.Tables), func(i int) converter {
			return func(v float64, from, to string) (float64, error) {
				q, err := conv04.Tables[i](conv04.Quantity{Value: v, Unit: from}, to)
				return q.Value, err
			}
		}),
		wrap(len(conv05.Tables), func(i int) converter {
			return func(v float64, from, to string) (float64, error) {
				q, err := conv05.Tables[i](conv05.Quantity{Value: v, Unit: from}, to)
				return q.Value, err
			}
		}),
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Printf("encode: %v", err)
	}
}

func newMux(all [][]converter) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"service": "go-vendored", "go": runtime.Version(), "sets": len(all), "tables": len(all[0]),
		})
	})
	mux.HandleFunc("/convert", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		set, err1 := strconv.Atoi(q.Get("set"))
		table, err2 := strconv.Atoi(q.Get("table"))
		value, err3 := strconv.ParseFloat(q.Get("value"), 64)
		if err1 != nil || err2 != nil || err3 != nil || set < 0 || set >= len(all) ||
			table < 0 || table >= len(all[set]) {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "set, table and value are required"})
			return
		}
		out, err := all[set][table](value, q.Get("from"), q.Get("to"))
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"value": out, "unit": q.Get("to")})
	})
	return mux
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	log.Printf("go-vendored listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, newMux(sets())))
}
