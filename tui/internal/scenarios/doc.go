// Package scenarios is the workbench's scenarios pane: the bundled suites
// and the user's own as a tree of files and scenarios; running one
// scenario, a file or all of them with progress; pass and fail per
// scenario and step, with the diff, the curl and the response of each
// step; and stepping through a scenario one request at a time. Every
// scenario runs in-process against its own fresh sandbox, as
// `flashcart run` runs it, never against the workbench's sandbox.
//
// A run (run.go) is runner.Run in a goroutine that a command starts; it
// reports each scenario through a channel that a command waits on, so the
// tree fills in as results come and x cancels through the run's context.
// Step-through uses runner.Stepper (NewStepper, Next, Done, Result, Close),
// the runner's own step loop, which runner.Run also uses: a scenario
// stepped through gives the results a run gives. A step's results are
// copied into the message that reports them, so the view never reads what
// the stepper writes.
package scenarios
