package scenarios

import (
	"embed"
	"io/fs"
)

// bundled holds the suites that ship with flashcart, a folder per vendor
// under suites/, and the world files they load from worlds/.
//
//go:embed suites/noventiq suites/solifyn suites/twocheckout worlds
var bundled embed.FS

// BundledSuites is the folder of Bundled that holds the suites.
const BundledSuites = "suites"

// Bundled returns the bundled suites and the files they read, as they lie
// under scenarios/ in the repository: load BundledSuites (or one vendor's
// folder in it) with LoadFS.
func Bundled() fs.FS { return bundled }
