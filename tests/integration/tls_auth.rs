//! TLS (server certificates, optional client certificates) and bearer tokens, with
//! certificates made in the test by rcgen: calls need a valid token, health stays open,
//! reflection is open unless `--auth-reflection`, and a client without the certificate the
//! server asks for is turned away.

use std::path::PathBuf;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use textanalytics::proto::v1 as pb;
use textanalytics::proto::v1::text_analytics_client::TextAnalyticsClient;
use textanalytics::service::{self, RunningServer, ServeConfig};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};
use tonic::Code;

use crate::common::{request, test_config, STORY};

/// A CA, a server certificate for `localhost` and a client certificate, as PEM files.
struct Pki {
    dir: PathBuf,
    ca: String,
    client_cert: String,
    client_key: String,
}

impl Pki {
    fn new(name: &str) -> Pki {
        let dir = std::env::temp_dir().join(format!("textanalytics-pki-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().expect("CA key")).expect("CA");
        let server_key = KeyPair::generate().expect("server key");
        let server = CertificateParams::new(vec!["localhost".to_string()])
            .expect("server params")
            .signed_by(&server_key, &ca)
            .expect("server certificate");
        let client_key = KeyPair::generate().expect("client key");
        let client = CertificateParams::new(vec!["client.example".to_string()])
            .expect("client params")
            .signed_by(&client_key, &ca)
            .expect("client certificate");
        std::fs::write(dir.join("ca.pem"), ca.pem()).expect("write");
        std::fs::write(dir.join("server.pem"), server.pem()).expect("write");
        std::fs::write(dir.join("server.key"), server_key.serialize_pem()).expect("write");
        Pki { dir, ca: ca.pem(), client_cert: client.pem(), client_key: client_key.serialize_pem() }
    }

    fn path(&self, file: &str) -> Option<PathBuf> {
        Some(self.dir.join(file))
    }
}

impl Drop for Pki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn serve(config: ServeConfig) -> RunningServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    service::start(config, listener).await.expect("server starts")
}

async fn tls_channel(server: &RunningServer, pki: &Pki, with_client_cert: bool) -> Result<Channel, tonic::transport::Error> {
    let mut tls = ClientTlsConfig::new().domain_name("localhost").ca_certificate(Certificate::from_pem(&pki.ca));
    if with_client_cert {
        tls = tls.identity(Identity::from_pem(&pki.client_cert, &pki.client_key));
    }
    Endpoint::from_shared(format!("https://localhost:{}", server.local_addr().port()))
        .expect("uri")
        .tls_config(tls)?
        .connect()
        .await
}

fn with_token(mut call: pb::AnalyzeRequest, token: &str) -> tonic::Request<pb::AnalyzeRequest> {
    call.id = "auth".into();
    let mut request = tonic::Request::new(call);
    request.metadata_mut().insert("authorization", format!("Bearer {token}").parse().expect("ascii"));
    request
}

#[tokio::test]
async fn tls_with_tokens_admits_only_callers_with_a_token() {
    let pki = Pki::new("tokens");
    let tokens = pki.dir.join("tokens");
    std::fs::write(&tokens, "# callers\nsecret-one\nsecret-two\n").expect("write tokens");
    let server = serve(ServeConfig {
        tls_cert: pki.path("server.pem"),
        tls_key: pki.path("server.key"),
        auth_token_file: Some(tokens),
        ..test_config()
    })
    .await;
    let channel = tls_channel(&server, &pki, false).await.expect("a TLS connection");
    let mut client = TextAnalyticsClient::new(channel.clone());

    let answer = client.analyze(with_token(request("x", STORY), "secret-two")).await.expect("a valid token");
    assert_eq!(answer.into_inner().id, "auth");
    for refused in [client.analyze(request("x", STORY)).await, client.analyze(with_token(request("x", STORY), "secret")).await] {
        let status = refused.expect_err("refused");
        assert_eq!(status.code(), Code::Unauthenticated);
        assert!(!status.message().contains("secret-"), "the message names nothing secret: {}", status.message());
    }
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel);
    health.check(tonic_health::pb::HealthCheckRequest { service: String::new() }).await.expect("health needs no token");
    server.shutdown();
}

#[tokio::test]
async fn reflection_needs_a_token_only_when_asked() {
    use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1::ServerReflectionRequest;

    let pki = Pki::new("reflection");
    let tokens = pki.dir.join("tokens");
    std::fs::write(&tokens, "only-token\n").expect("write tokens");
    for (protect, expect_open) in [(false, true), (true, false)] {
        let server = serve(ServeConfig { auth_token_file: Some(tokens.clone()), auth_reflection: protect, ..test_config() }).await;
        let channel = crate::common::connect(server.local_addr()).await;
        let list = ServerReflectionRequest { host: String::new(), message_request: Some(MessageRequest::ListServices(String::new())) };
        let outcome = ServerReflectionClient::new(channel).server_reflection_info(tokio_stream::iter([list])).await;
        let open = match outcome {
            Ok(mut answers) => answers.get_mut().message().await.is_ok(),
            Err(status) => {
                assert_eq!(status.code(), Code::Unauthenticated);
                false
            }
        };
        assert_eq!(open, expect_open, "--auth-reflection {protect}");
        server.shutdown();
    }
}

#[tokio::test]
async fn a_client_without_the_required_certificate_is_turned_away() {
    let pki = Pki::new("mtls");
    let server = serve(ServeConfig {
        tls_cert: pki.path("server.pem"),
        tls_key: pki.path("server.key"),
        tls_client_ca: pki.path("ca.pem"),
        ..test_config()
    })
    .await;
    let with_cert = tls_channel(&server, &pki, true).await.expect("a client certificate the CA signed");
    TextAnalyticsClient::new(with_cert).analyze(request("m", STORY)).await.expect("answered");
    let refused = match tls_channel(&server, &pki, false).await {
        Err(_) => true,
        Ok(channel) => TextAnalyticsClient::new(channel).analyze(request("m", STORY)).await.is_err(),
    };
    assert!(refused, "no client certificate, no call");
    server.shutdown();
}

#[tokio::test]
async fn unreadable_tls_and_token_files_are_start_up_errors_naming_the_flag() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let missing = Some(PathBuf::from("/no/such/file.pem"));
    let error = service::start(ServeConfig { tls_cert: missing.clone(), tls_key: missing.clone(), ..test_config() }, listener)
        .await
        .err()
        .expect("refused");
    assert!(error.to_string().contains("--tls-cert /no/such/file.pem"), "{error}");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let error = service::start(ServeConfig { auth_token_file: missing, ..test_config() }, listener).await.err().expect("refused");
    assert!(error.to_string().contains("--auth-token-file"), "{error}");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let error = service::start(ServeConfig { tls_key: Some(PathBuf::from("k.pem")), ..test_config() }, listener).await.err().expect("refused");
    assert!(error.to_string().contains("--tls-cert"), "{error}");
}

/// The probe subcommand speaks TLS when given the CA, and fails without it.
#[tokio::test]
async fn healthcheck_speaks_tls_with_the_ca() {
    let pki = Pki::new("probe");
    let server = serve(ServeConfig { tls_cert: pki.path("server.pem"), tls_key: pki.path("server.key"), ..test_config() }).await;
    let address = format!("localhost:{}", server.local_addr().port());
    let ca = pki.dir.join("ca.pem");
    let probe = move |with_ca: bool| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_textanalytics"));
        command.args(["healthcheck", "--addr", &address, "--timeout", "2s"]);
        if with_ca {
            command.arg("--tls-ca").arg(&ca);
        }
        command.output().expect("run the probe").status.success()
    };
    let probe_with_ca = probe.clone();
    let serving = tokio::task::spawn_blocking(move || {
        (0..100).any(|_| probe_with_ca(true) || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            false
        })
    })
    .await
    .expect("probe");
    assert!(serving, "the TLS probe never saw SERVING");
    assert!(!tokio::task::spawn_blocking(move || probe(false)).await.expect("probe"), "plaintext against TLS fails");
    server.shutdown();
}
