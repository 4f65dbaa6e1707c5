# syntax=docker/dockerfile:1
# postscore as a container image: a static binary (no cgo) on distroless.
#   docker build --build-arg VERSION=$(git describe --tags --always) -t postscore .
#   docker run --rm -v "$PWD:/data" -w /data postscore score corpus -o out
# The build stage runs on the builder's platform and cross-compiles for the
# target's (docker buildx build --platform linux/amd64,linux/arm64 ...).

FROM --platform=$BUILDPLATFORM golang:1.26 AS build
WORKDIR /src
ARG TARGETOS TARGETARCH
ARG VERSION=dev
# go build fetches only the modules the binary imports (not DuckDB's, which
# only tests use); the cache mounts keep them and the build cache between
# builds.
RUN --mount=type=bind,target=. \
    --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags "-s -w -X github.com/alphanode/postscore/pipeline.Version=$VERSION" \
      -o /postscore ./cmd/postscore

# static-debian12: CA certificates (for https to object storage), tzdata,
# /tmp, and a nonroot user (65532); no shell.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /postscore /postscore
USER nonroot:nonroot
ENTRYPOINT ["/postscore"]
