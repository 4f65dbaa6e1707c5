package gen

// Word lists the prose is built from. Nothing here contains '.', '!' or '?',
// so every generated sentence is exactly one sentence to the parser.

var problems = []string{
	"organizing frontend state", "tuning cache rules", "reducing build times", "handling flaky tests",
	"migrating a database schema", "rotating secrets", "paginating large results", "debugging slow queries",
	"shipping feature flags", "trimming container images", "tracing requests across services",
	"writing useful runbooks", "sizing worker pools", "retrying failed jobs", "versioning public apis",
	"cleaning up dead code", "indexing search data", "compressing static assets", "reviewing pull requests",
	"planning rollbacks", "measuring page weight", "deduplicating events", "scheduling batch jobs",
	"localizing error messages", "auditing access logs", "keeping dependencies current", "load testing checkout",
	"splitting a monolith", "caching api responses", "monitoring queue depth",
}

var stacks = []string{
	"python services", "go services", "react apps", "rails apps", "django sites", "node backends",
	"kubernetes clusters", "postgres databases", "laravel projects", "rust tools", "java services",
	"vue frontends", "serverless functions", "php sites", "elixir apps", "dotnet services",
	"static sites", "mobile backends", "data pipelines", "wordpress sites",
}

var scenarios = []string{
	"with a docker based staging setup", "on a small team with no ops person", "during a busy release week",
	"after a painful outage", "with a legacy codebase", "for a fast growing product", "on a tight budget",
	"with strict compliance rules", "while onboarding new engineers", "across three time zones",
}

var things = []string{
	"the cache layer", "the deployment script", "the billing service", "the search index", "the login flow",
	"the staging database", "the message queue", "the feature flag", "the build pipeline", "the image resizer",
	"the health check", "the config file", "the retry policy", "the error page", "the session store",
	"the metrics dashboard", "the background worker", "the api gateway", "the rate limiter", "the export job",
	"the signup form", "the audit log", "the cron schedule", "the load balancer", "the test fixtures",
	"the release notes", "the runbook", "the alert rules", "the schema migration", "the webhook handler",
	"the upload endpoint", "the permission check", "the notification email", "the connection pool",
	"the backup script", "the dependency list", "the style guide", "the onboarding doc", "the incident report",
	"the payment callback",
}

var actions = []string{
	"measure", "document", "review", "simplify", "test", "monitor", "profile", "split", "rename", "delete",
	"rewrite", "benchmark", "inspect", "version", "isolate", "label", "automate", "sketch", "pin", "trace",
}

var qualities = []string{
	"slow", "fragile", "noisy", "expensive", "predictable", "confusing", "brittle", "quiet", "boring",
	"surprising", "stale", "tangled", "careful", "readable", "solid", "risky",
}

var people = []string{
	"the on-call engineer", "a new teammate", "the product owner", "the reviewer", "the support team",
	"the next maintainer", "your future self", "the security lead", "the release manager", "a tired developer",
}

var times = []string{
	"on a busy morning", "after every release", "before the weekend", "during an incident",
	"in the first week", "at the end of a sprint", "late at night", "before a big launch",
	"when traffic doubles", "after a long holiday",
}

var results = []string{
	"the error rate drops", "the page loads faster", "nobody gets paged", "the logs stay readable",
	"reviews take less time", "the rollback takes minutes", "the bill shrinks", "support tickets fall",
	"the tests stop flaking", "the dashboard tells the truth", "releases feel calm", "the queue drains",
}

var reasons = []string{
	"memory fades faster than code changes", "the person who wrote it may have moved on",
	"incidents rarely happen at a convenient time", "small changes are easier to verify",
	"nobody reads a wiki page that lives far from the code", "a guess is not a measurement",
	"the cheapest bug is the one you never ship", "defaults tend to outlive their authors",
}

var headingWords = []string{
	"why this matters", "the practical approach", "production checks", "what to measure first",
	"common mistakes", "a worked example", "rolling it out", "when things go wrong", "keeping it simple",
	"the tradeoffs", "before you start", "what we learned", "final notes", "where to go next",
	"a quick recap", "the numbers that matter", "testing the change", "handing it over",
}

var checklistItems = []string{
	"confirm inputs are validated", "check permissions", "add a retry-safe path", "record the expected response",
	"review the failure mode", "write the rollback note", "tag the release", "update the runbook",
	"measure before and after", "ask for a second review", "clear only the cache that matters",
	"pin the dependency versions", "check the alert thresholds", "remove the temporary flag",
}

// swapWords are the words a near copy's reworded sentences put in place of
// others (dups.go).
var swapWords = []string{
	"quickly", "carefully", "often", "rarely", "always", "usually", "eventually", "reliable", "simple",
	"cheap", "steady", "clear", "small", "large", "shared", "hidden", "manual", "weekly", "nightly",
	"legacy", "internal", "public", "urgent", "minor", "honest", "plain", "gradual", "silent",
}

var hosts = []string{"unsplash", "picsum.photos", "placehold.co", "images.example.com", "cdn.example.org"}

var tools = []string{"git", "docker", "pytest", "grafana", "sentry", "make", "ruff", "terraform", "redis", "nginx", "k6", "jq"}

var difficulties = []string{"beginner", "intermediate", "advanced"}

var statuses = []string{"drafted", "reviewed", "published", "archived"}

// Dense posts draw on long, Latinate words and long sentences.
var denseAdjectives = []string{
	"comprehensive", "systematic", "operational", "architectural", "organizational", "considerable",
	"unanticipated", "infrastructural", "sophisticated", "interdependent", "asynchronous", "heterogeneous",
}

var denseNouns = []string{
	"observability", "maintainability", "reliability", "availability", "configuration management",
	"capacity planning", "dependency resolution", "authorization policies", "performance characteristics",
	"deployment automation", "incident retrospectives", "documentation practices",
}

// What only Markdown posts hold (markdown.go). Links point at hosts with a
// dot in their names, so that a bare URL is a link (GFM's extended
// autolinks want one).
var linkHosts = []string{"docs.example.com", "wiki.example.org", "notes.example.net", "status.example.io"}

// footnoteTexts are the footnotes' texts: a post's footnotes take
// consecutive ones, so no two of a post are the same sentence.
var footnoteTexts = []string{
	"measured on the staging cluster over two weeks", "the numbers come from our own dashboards, not a benchmark suite",
	"your results will vary with traffic and team size", "we wrote about the first attempt in an earlier post",
	"this held for every service we tried it on", "thanks to the platform team for reviewing the draft",
	"the same idea works for batch jobs with small changes", "older versions of the tool behave differently here",
}

var tableChecks = []string{
	"the history of the change", "the staging image", "the test suite", "the dashboards", "the error reports",
	"the build steps", "the style rules", "the infrastructure plan", "the cache contents", "the proxy rules",
	"the load profile", "the json payloads",
}

// codeSamples are the code blocks' contents: no line is blank or starts a
// fence, so that each is one block whether fenced or indented.
var codeSamples = []struct {
	lang  string
	lines []string
}{
	{"sh", []string{"make test", "go test ./..."}},
	{"bash", []string{"docker build -t app:staging .", "docker run --rm app:staging ./healthcheck"}},
	{"python", []string{"def retry(job, attempts=3):", "    for _ in range(attempts):", "        if job.run():", "            return True", "    return False"}},
	{"yaml", []string{"replicas: 3", "resources:", "  limits:", "    memory: 256Mi"}},
	{"sql", []string{"SELECT id, created_at FROM events", "WHERE processed = false", "ORDER BY created_at LIMIT 100;"}},
	{"go", []string{"for _, job := range jobs {", "\tif err := job.Run(ctx); err != nil {", "\t\treturn fmt.Errorf(\"job %s: %w\", job.ID, err)", "\t}", "}"}},
	{"", []string{"ERROR 2024-05-01T10:00:00Z timeout after 30s (attempt 3 of 3)"}},
	{"js", []string{"const res = await fetch(url, { cache: 'no-store' })", "if (!res.ok) throw new Error(res.statusText)"}},
}
