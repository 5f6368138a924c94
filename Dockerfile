# syntax=docker/dockerfile:1
# Two stages: the README's release build in the official Rust image, then the binary alone in a
# small Debian image, run as an unprivileged user. Everything the analysis needs is inside the
# binary, so the runtime image needs nothing else.
FROM rust:1.89-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --no-create-home textanalytics
COPY --from=build /src/target/release/textanalytics /usr/local/bin/textanalytics
USER 10001:10001
EXPOSE 50051
# SIGTERM starts the drain: health turns NOT_SERVING, then in-flight calls finish.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["/usr/local/bin/textanalytics", "healthcheck", "--addr", "127.0.0.1:50051"]
ENTRYPOINT ["/usr/local/bin/textanalytics"]
CMD ["serve", "--listen", "0.0.0.0:50051"]
