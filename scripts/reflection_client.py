#!/usr/bin/env python3
"""A client that knows nothing of the contract but the server's reflection: it lists the
services, resolves textanalytics.v1.TextAnalytics/Analyze, builds the request message from the
served descriptors and calls it. Usage: reflection_client.py HOST:PORT. Exits non-zero on failure.
"""

import sys

import grpc
from google.protobuf import descriptor_pool, json_format, message_factory
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)

SERVICE = "textanalytics.v1.TextAnalytics"


def message_class(descriptor):
    # protobuf >= 4.22 has GetMessageClass; older releases only the factory object.
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory().GetPrototype(descriptor)


def main(target: str) -> int:
    with grpc.insecure_channel(target) as channel:
        database = ProtoReflectionDescriptorDatabase(channel)
        services = set(database.get_services())
        if SERVICE not in services:
            print(f"reflection lists {sorted(services)}, not {SERVICE}", file=sys.stderr)
            return 1
        pool = descriptor_pool.DescriptorPool(database)
        method = pool.FindServiceByName(SERVICE).FindMethodByName("Analyze")
        request_class = message_class(method.input_type)
        response_class = message_class(method.output_type)
        analyze = channel.unary_unary(
            f"/{SERVICE}/{method.name}",
            request_serializer=request_class.SerializeToString,
            response_deserializer=response_class.FromString,
        )
        request = request_class(
            id="reflection-only",
            content="The library in Eastfield reopened after a year of repairs, the mayor said.",
            include_text=True,
        )
        answer = analyze(request, timeout=30)
        if answer.id != "reflection-only" or not answer.analyzer_version or not answer.text:
            print(f"unexpected answer: {answer}", file=sys.stderr)
            return 1
        print(json_format.MessageToJson(answer))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
