//! The container and Kubernetes files agree with the binary and the README: no engine or
//! cluster runs here, so what can be checked is checked as text (`./scripts/test.sh` also runs
//! `kubernetes-validate --strict` on the manifests).

use std::path::Path;

use textanalytics::service::config::parse_duration;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_dockerfile_builds_as_the_readme_says_and_probes_with_the_subcommand() {
    let dockerfile = read("Dockerfile");
    let readme = read("README.md");
    let build = dockerfile.lines().find(|line| line.starts_with("RUN cargo build")).expect("a cargo build step");
    assert!(readme.contains("cargo build --release"), "the README shows the release build");
    assert!(build.contains("cargo build --release"), "{build}");
    let healthcheck = dockerfile.lines().skip_while(|line| !line.starts_with("HEALTHCHECK")).nth(1).unwrap_or("");
    assert!(healthcheck.contains("\"healthcheck\""), "HEALTHCHECK runs `textanalytics healthcheck`: {healthcheck}");
    assert!(dockerfile.lines().any(|line| line == "STOPSIGNAL SIGTERM"));
    let user = dockerfile.lines().rev().find(|line| line.starts_with("USER ")).expect("a USER line");
    assert!(!user.contains("root") && !user.ends_with(" 0"), "{user}");
}

/// Kubernetes must not kill a pod before its drain delay and grace period are over.
#[test]
fn the_termination_grace_period_covers_drain_and_grace() {
    let deployment = read("deploy/kubernetes/deployment.yaml");
    let value_after = |name: &str| -> String {
        let mut lines = deployment.lines().map(str::trim);
        lines.find(|line| *line == format!("- name: {name}")).unwrap_or_else(|| panic!("{name} is set"));
        let value = lines.next().and_then(|line| line.strip_prefix("value: ")).unwrap_or_else(|| panic!("{name} value"));
        value.to_string()
    };
    let drain = parse_duration(&value_after("TEXTANALYTICS_DRAIN_DELAY")).expect("a duration");
    let grace = parse_duration(&value_after("TEXTANALYTICS_GRACE_PERIOD")).expect("a duration");
    let termination: u64 = deployment
        .lines()
        .find_map(|line| line.trim().strip_prefix("terminationGracePeriodSeconds: "))
        .and_then(|value| value.parse().ok())
        .expect("terminationGracePeriodSeconds");
    assert!(termination > (drain + grace).as_secs(), "{termination} s <= {drain:?} + {grace:?}");
}

/// With TLS on, both probes run the healthcheck subcommand over TLS with flags it accepts: run
/// as written (no server behind them), they fail as a probe fails (1), not as a usage error (2).
#[test]
fn the_tls_deployment_probes_with_the_subcommand_and_valid_flags() {
    let deployment = read("deploy/kubernetes-tls/deployment.yaml");
    assert!(deployment.contains("--tls-cert=") && deployment.contains("--auth-token-file="), "TLS and tokens on");
    assert!(!deployment.contains("grpc:\n"), "no native gRPC probe can speak TLS");
    let mut probes = Vec::new();
    let mut lines = deployment.lines().map(str::trim).peekable();
    while let Some(line) = lines.next() {
        if line == "command:" {
            let mut command = Vec::new();
            while let Some(part) = lines.peek().and_then(|next| next.strip_prefix("- ")) {
                command.push(part.to_string());
                lines.next();
            }
            probes.push(command);
        }
    }
    assert_eq!(probes.len(), 2, "a readiness and a liveness probe");
    for probe in probes {
        assert_eq!(probe[..2], ["/usr/local/bin/textanalytics".to_string(), "healthcheck".to_string()]);
        assert!(probe.iter().any(|flag| flag.starts_with("--tls-ca=")), "{probe:?}");
        let flags: Vec<String> = probe[2..]
            .iter()
            .map(|flag| match flag.split_once("=/etc/") {
                // The mounted CA does not exist here; any readable path shows the flag parses.
                Some((name, _)) => format!("{name}=/dev/null"),
                None => flag.replace("localhost:50051", "127.0.0.1:9"),
            })
            .collect();
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_textanalytics"))
            .arg("healthcheck")
            .args(&flags)
            .args(["--timeout", "1s"])
            .status()
            .expect("run the probe");
        assert_eq!(status.code(), Some(1), "{flags:?}");
    }
}
