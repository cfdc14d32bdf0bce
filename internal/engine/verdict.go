package engine

// Verdict is what a search of a script's schedules found, as one machine-readable
// record: explore --json writes it, check --json passes it on, one per script, for
// autograders.
type Verdict struct {
	Path string `json:"path"`
	Pass bool   `json:"pass"`
	// Verdict is the sentence a person reads: "verified: all 12 schedules pass".
	Verdict string `json:"verdict"`
	// Guarantee is what a pass proves: GuaranteeAll, GuaranteeDeviations,
	// GuaranteeSample or GuaranteeDefault.
	Guarantee string `json:"guarantee"`
	// Deviations is, for GuaranteeDeviations, the most deviations from asyncio's
	// order such that every schedule with at most that many passed.
	Deviations int `json:"deviations"`
	Schedules  int `json:"schedules"` // how many schedules were run
	// Counterexample is the failing run, if one failed.
	Counterexample *Counterexample `json:"counterexample,omitempty"`
	Notes          []string        `json:"notes,omitempty"`
}

// The guarantees of a Verdict.
const (
	GuaranteeAll        = "all schedules"    // every schedule of the script
	GuaranteeDeviations = "deviations"       // every schedule within Deviations
	GuaranteeSample     = "random schedules" // a sample: not a proof
	GuaranteeDefault    = "asyncio's order"  // the one schedule luasync run takes
)

// Counterexample is a failing run of a search: where its schedule departs from
// asyncio's order, the schedule, and what it did.
type Counterexample struct {
	// Deviations is how many decisions depart from asyncio's order; Minimal says no
	// schedule with fewer fails (they were all run).
	Deviations int         `json:"deviations"`
	Minimal    bool        `json:"minimal"`
	At         []Deviation `json:"at"`
	// Schedule is the task chosen at each decision, as a schedule file has them.
	Schedule     []string `json:"schedule"`
	ScheduleFile string   `json:"schedule_file,omitempty"`
	Replay       string   `json:"replay,omitempty"` // the luasync run command that replays it
	Output       string   `json:"output"`
	ExitStatus   int      `json:"exit_status"`
	Report       string   `json:"report,omitempty"` // what it showed on stderr
}

// Deviation is one decision of a counterexample that departs from asyncio's order.
type Deviation struct {
	Decision int    `json:"decision"` // 1, 2, ...
	Ran      string `json:"ran"`
	Instead  string `json:"instead_of"`
}
