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
