"""A typed client for textanalytics: deadlines on every call, retries where they are safe.

    from textanalytics_client import Client

    with Client("localhost:50051") as client:
        answer = client.analyze("Rail workers will strike on Friday.", features=["FEATURE_KEYWORDS"])
        print([keyword.text for keyword in answer.keywords])

Analysis has no side effects, so every method may be retried: the channel's service config
retries calls refused with UNAVAILABLE (a replica draining, a connection lost) or
RESOURCE_EXHAUSTED (a replica full), with exponential back-off. With several addresses
(`"ipv4:10.0.0.1:50051,10.0.0.2:50051"`, or `dns:///textanalytics-headless:50051`) calls are
spread round-robin over them.
"""
from __future__ import annotations

import json
from typing import Iterable, Iterator, Optional, Sequence

import grpc

from textanalytics.v1 import text_analytics_pb2 as pb
from textanalytics.v1 import text_analytics_pb2_grpc as pb_grpc

__all__ = ["Client", "pb"]

SERVICE = "textanalytics.v1.TextAnalytics"
# The server's default --max-response-bytes (GetCapabilities.limits.max_response_bytes): the
# largest answer a batch can produce, four times gRPC's usual 4 MiB receive limit.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024


def service_config(retries: int) -> str:
    """The gRPC service config: round-robin over every address, retries on refusals."""
    config = {
        "loadBalancingConfig": [{"round_robin": {}}],
        "methodConfig": [
            {
                "name": [{"service": SERVICE}],
                "retryPolicy": {
                    "maxAttempts": max(2, retries + 1),
                    "initialBackoff": "0.05s",
                    "maxBackoff": "1s",
                    "backoffMultiplier": 2,
                    "retryableStatusCodes": ["UNAVAILABLE", "RESOURCE_EXHAUSTED"],
                },
            }
        ],
    }
    return json.dumps(config)


def default_authority(target: str) -> Optional[str]:
    """For an address list (`ipv4:a:1,b:2`), the first address: grpc would otherwise send the
    whole list as `:authority`, which is no valid HTTP/2 authority and servers reject."""
    scheme, _, addresses = target.partition(":")
    if scheme in ("ipv4", "ipv6") and "," in addresses:
        return addresses.split(",")[0]
    return None


class Client:
    """One channel to one server or a set of replicas."""

    def __init__(
        self,
        target: str,
        *,
        timeout: float = 10.0,
        retries: int = 3,
        credentials: Optional[grpc.ChannelCredentials] = None,
        compression: Optional[grpc.Compression] = None,
        max_receive_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        options = [
            ("grpc.service_config", service_config(retries)),
            ("grpc.enable_retries", 1),
            ("grpc.max_receive_message_length", max_receive_bytes),
        ]
        authority = default_authority(target)
        if authority:
            options.append(("grpc.default_authority", authority))
        if credentials is None:
            self._channel = grpc.insecure_channel(target, options=options, compression=compression)
        else:
            self._channel = grpc.secure_channel(target, credentials, options=options, compression=compression)
        self._stub = pb_grpc.TextAnalyticsStub(self._channel)
        self._timeout = timeout

    def analyze(
        self,
        content: str,
        *,
        id: str = "",
        features: Sequence[str] = (),
        base_url: str = "",
        language_hint: str = "",
        include_text: bool = False,
        max_keywords: int = 0,
        timeout: Optional[float] = None,
    ) -> pb.AnalyzeResponse:
        """Analyses one document; features are `Feature` names (`"FEATURE_KEYWORDS"`)."""
        request = pb.AnalyzeRequest(
            id=id,
            content=content,
            features=[pb.Feature.Value(name) for name in features],
            base_url=base_url,
            language_hint=language_hint,
            include_text=include_text,
            max_keywords=max_keywords,
        )
        return self._stub.Analyze(request, timeout=self._deadline(timeout))

    def analyze_request(self, request: pb.AnalyzeRequest, *, timeout: Optional[float] = None) -> pb.AnalyzeResponse:
        """Analyses one document described by a full `AnalyzeRequest`."""
        return self._stub.Analyze(request, timeout=self._deadline(timeout))

    def batch_analyze(
        self, requests: Iterable[pb.AnalyzeRequest], *, timeout: Optional[float] = None
    ) -> pb.BatchAnalyzeResponse:
        """One result per request, in order; a bad document gets its own error."""
        batch = pb.BatchAnalyzeRequest(requests=list(requests))
        return self._stub.BatchAnalyze(batch, timeout=self._deadline(timeout))

    def analyze_stream(
        self, requests: Iterable[pb.AnalyzeRequest], *, timeout: Optional[float] = None
    ) -> Iterator[pb.AnalyzeResponse]:
        """Answers in request order, as the server produces them (not retried once started)."""
        return self._stub.AnalyzeStream(iter(requests), timeout=self._deadline(timeout))

    def capabilities(self, *, timeout: Optional[float] = None) -> pb.GetCapabilitiesResponse:
        return self._stub.GetCapabilities(pb.GetCapabilitiesRequest(), timeout=self._deadline(timeout))

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _deadline(self, timeout: Optional[float]) -> float:
        return self._timeout if timeout is None else timeout
