"""The client package against a real server, whose address is in TEXTANALYTICS_ADDRESS
(started by the Rust integration test `grpc_tools::python_client_package_works`)."""
import os
import unittest

import grpc

from textanalytics_client import Client, pb

ADDRESS = os.environ.get("TEXTANALYTICS_ADDRESS", "localhost:50051")
STORY = "Rail workers in three regions will strike on Friday over pay, the union said. Rail services will stop."


class ClientTest(unittest.TestCase):
    def setUp(self):
        self.client = Client(ADDRESS, timeout=10)

    def tearDown(self):
        self.client.close()

    def test_analyze_answers_keywords_and_language(self):
        answer = self.client.analyze(STORY, id="story", features=["FEATURE_LANGUAGE", "FEATURE_KEYWORDS"])
        self.assertEqual(answer.id, "story")
        self.assertEqual(answer.language.code, "en")
        self.assertIn("rail", [keyword.stem for keyword in answer.keywords])

    def test_batch_gives_a_bad_document_its_own_error(self):
        results = self.client.batch_analyze(
            [pb.AnalyzeRequest(id="a", content=STORY), pb.AnalyzeRequest(id="b", content="")]
        ).results
        self.assertEqual([result.id for result in results], ["a", "b"])
        self.assertTrue(results[0].HasField("response"))
        self.assertEqual(results[1].error.code_name, "INVALID_ARGUMENT")

    def test_a_callers_mistake_is_not_retried_and_names_the_field(self):
        with self.assertRaises(grpc.RpcError) as raised:
            self.client.analyze(STORY, language_hint="not a language")
        self.assertEqual(raised.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("language_hint", raised.exception.details())

    def test_stream_answers_in_order(self):
        requests = [pb.AnalyzeRequest(id=str(n), content=STORY) for n in range(5)]
        self.assertEqual([answer.id for answer in self.client.analyze_stream(requests)], ["0", "1", "2", "3", "4"])

    def test_capabilities_list_english_with_stemming(self):
        english = [language for language in self.client.capabilities().languages if language.code == "en"]
        self.assertEqual(len(english), 1)
        self.assertTrue(english[0].stemming)


if __name__ == "__main__":
    unittest.main()
