"""Calls the GAAP emulator through the official Tencent Cloud SDK for Python.

Reads a JSON list of calls ({"action": ..., "params": {...}}) on stdin and writes
a JSON list of results on stdout, one per call: {"response": ...} (the SDK's
parsed model, serialized back by the SDK) or {"error": {"code", "message",
"request_id"}} (a TencentCloudSDKException). The endpoint and keys come from
GAAP_EMULATOR_ENDPOINT (host:port, plain HTTP), GAAP_EMULATOR_SECRET_ID and
GAAP_EMULATOR_SECRET_KEY. Driven by tests/python_sdk.rs.
"""

import json
import os
import sys
import warnings

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.gaap.v20180529 import gaap_client, models

# The SDK's models warn about answer fields they do not know ("... fileds are
# useless"): here that fails the call, so the emulator answers only what the
# SDK models.
warnings.filterwarnings("error", message=".*useless")


def model_types(response):
    """The SDK's class of each element of the list fields, to show it parsed them."""
    types = {}
    for name, value in vars(response).items():
        if isinstance(value, list):
            types[name.lstrip("_")] = [type(item).__name__ for item in value]
    return types


def main():
    cred = credential.Credential(
        os.environ["GAAP_EMULATOR_SECRET_ID"], os.environ["GAAP_EMULATOR_SECRET_KEY"]
    )
    http = HttpProfile(endpoint=os.environ["GAAP_EMULATOR_ENDPOINT"], protocol="http")
    client = gaap_client.GaapClient(cred, "", ClientProfile(httpProfile=http))
    results = []
    for call in json.load(sys.stdin):
        request = getattr(models, call["action"] + "Request")()
        request.from_json_string(json.dumps(call["params"]))
        try:
            response = getattr(client, call["action"])(request)
        except TencentCloudSDKException as e:
            results.append(
                {
                    "error": {
                        "code": e.get_code(),
                        "message": e.get_message(),
                        "request_id": e.get_request_id(),
                    }
                }
            )
            continue
        results.append(
            {
                "response": json.loads(response.to_json_string()),
                "types": model_types(response),
            }
        )
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
