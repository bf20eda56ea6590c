#!/usr/bin/env python3
"""Writes the seed corpus, fuzz/corpus/<target>/<name>, from the tables below.

Run from anywhere: `python3 fuzz/seeds.py`. Existing seeds of the same name are
overwritten; others (for example ones the fuzzer found and someone kept) are left.

The DynamicValue targets read the schema from the first byte (index into
`terraform_provider_gaap::fuzzing::schema_types()`), then the value:
0 provider block, 1 gaap_proxy_create_check, 2 synthetic object of every type,
3 dynamic, 4 list of list of dynamic, 5 map of tuple [bool, object {}],
6 number, 7 string.
"""

import json
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

PROVIDER, CHECK, EVERY, DYNAMIC, LISTS, MAP_TUPLE, NUMBER, STRING = range(8)


class Ext:
    def __init__(self, code, payload):
        self.code, self.payload = code, payload


class Raw:
    """Bytes written as they are (hand-made msgpack)."""

    def __init__(self, data):
        self.data = data


def mp(v):
    """A minimal msgpack encoder (dict keys in the order given)."""
    if isinstance(v, Raw):
        return v.data
    if v is None:
        return b"\xc0"
    if v is True:
        return b"\xc3"
    if v is False:
        return b"\xc2"
    if isinstance(v, int):
        if 0 <= v < 128:
            return bytes([v])
        if -32 <= v < 0:
            return struct.pack("b", v)
        if 0 <= v < 2**64:
            return b"\xcf" + struct.pack(">Q", v)
        return b"\xd3" + struct.pack(">q", v)
    if isinstance(v, float):
        return b"\xcb" + struct.pack(">d", v)
    if isinstance(v, str):
        b = v.encode()
        if len(b) < 32:
            return bytes([0xA0 | len(b)]) + b
        return b"\xda" + struct.pack(">H", len(b)) + b
    if isinstance(v, bytes):
        if len(v) < 256:
            return b"\xc4" + bytes([len(v)]) + v
        return b"\xc5" + struct.pack(">H", len(v)) + v
    if isinstance(v, Ext):
        return b"\xc7" + bytes([len(v.payload), v.code]) + v.payload
    if isinstance(v, list):
        head = bytes([0x90 | len(v)]) if len(v) < 16 else b"\xdc" + struct.pack(">H", len(v))
        return head + b"".join(mp(x) for x in v)
    if isinstance(v, dict):
        head = bytes([0x80 | len(v)]) if len(v) < 16 else b"\xde" + struct.pack(">H", len(v))
        return head + b"".join(mp(k) + mp(x) for k, x in v.items())
    raise TypeError(v)


UNKNOWN = Raw(b"\xd4\x00\x00")
# Terraform >= 1.6: a refined unknown (not null, string prefix "ab").
REFINED = Ext(12, mp({1: False, 2: "ab"}))


def dyn(type_json, value):
    return [json.dumps(type_json, separators=(",", ":")).encode(), value]


PROVIDER_NULLS = {
    k: None
    for k in [
        "assume_role", "cam_role_name", "domain", "endpoint", "max_retries", "profile",
        "rate_limit", "region", "request_timeout", "secret_id", "secret_key",
        "security_token", "shared_credentials_dir",
    ]
}
CHECK_NULLS = {
    k: None
    for k in [
        "access_region", "bandwidth", "check_flag", "concurrent", "group_id", "http3_supported",
        "id", "ip_address_version", "network_type", "package_type", "real_server_region",
        "request_id", "result_output_file",
    ]
}
EVERY_NULLS = {k: None for k in ["b", "d", "empty", "l", "m", "n", "nested", "o", "s", "st", "t"]}

provider_full = dict(PROVIDER_NULLS)
provider_full.update(
    secret_id="AKIDexample", secret_key="key", region="ap-guangzhou", max_retries=3,
    rate_limit=0.5, request_timeout="30",
    assume_role=[{"role_arn": "qcs::cam::uin/1:roleName/r", "session_name": "s",
                  "session_duration": 7200, "policy": None, "external_id": UNKNOWN}],
)
check_plan = dict(CHECK_NULLS)
check_plan.update(access_region="ap-hongkong", real_server_region="ap-guangzhou",
                  bandwidth=10, concurrent=2, check_flag=UNKNOWN, id=UNKNOWN,
                  request_id=REFINED)
every_full = {
    "b": True, "d": dyn(["map", "number"], {"x": "1e400"}), "empty": {},
    "l": ["a", None, UNKNOWN], "m": {"k": False}, "n": Raw(b"\xcb\x3f\xb9\x99\x99\x99\x99\x99\x9a"),
    "nested": [{"a": [{"x": 1}, {"x": "123456789012345678901234567890"}]}],
    "o": {"a": "x", "b": [dyn("string", "s"), dyn(["list", "dynamic"], [dyn("bool", True)])]},
    "s": "é", "st": [1, 2, -3], "t": ["s", 18446744073709551615, dyn(["tuple", []], [])],
}

MSGPACK = {
    "provider_all_null": bytes([PROVIDER]) + mp(PROVIDER_NULLS),
    "provider_full": bytes([PROVIDER]) + mp(provider_full),
    "provider_unknown": bytes([PROVIDER]) + mp(UNKNOWN),
    "check_plan": bytes([CHECK]) + mp(check_plan),
    "every_type": bytes([EVERY]) + mp(every_full),
    "every_type_nulls": bytes([EVERY]) + mp(EVERY_NULLS),
    "dynamic_nested": bytes([DYNAMIC]) + mp(dyn("dynamic", dyn(["object", {"a": ["set", "string"]}], {"a": ["x", "y"]}))),
    "dynamic_bad_type": bytes([DYNAMIC]) + mp([b'["list"', 1]),
    "lists_of_dynamic": bytes([LISTS]) + mp([[dyn("number", 1), None, UNKNOWN], []]),
    "map_of_tuple": bytes([MAP_TUPLE]) + mp({"a": [True, {}], "b": None}),
    "number_decimal_text": bytes([NUMBER]) + mp("-1.5e-7"),
    "number_float32": bytes([NUMBER]) + b"\xca\x3f\xc0\x00\x00",
    "number_nan": bytes([NUMBER]) + b"\xcb\x7f\xf8\x00\x00\x00\x00\x00\x00",
    "number_huge_exponent": bytes([NUMBER]) + mp("1e1000001"),
    "number_max_exponent": bytes([NUMBER]) + mp("-9.99e4095"),
    "string_bin": bytes([STRING]) + b"\xc4\x03abc",
    # Headers claiming far more than the input holds.
    "huge_list_count": bytes([LISTS]) + b"\xdd\xff\xff\xff\xff" + b"\x90" * 8,
    "huge_map_count": bytes([MAP_TUPLE]) + b"\xdf\xff\xff\xff\xff\xa1a",
    "huge_string_length": bytes([STRING]) + b"\xdb\xff\xff\xff\xffabc",
    "huge_ext_length": bytes([STRING]) + b"\xc9\xff\xff\xff\xff\x0c\x80",
    "refinements_deep": bytes([STRING]) + mp(Ext(12, b"\x81\x01" + b"\x91" * 100 + b"\xc0")),
    # 70 nested lists in a dynamic value: over the decoder's depth limit (64).
    "nested_too_deep": bytes([DYNAMIC]) + mp([('["list",' * 70 + '"string"' + "]" * 70).encode(), Raw(b"\x91" * 70 + b"\x90")]),
    "deep_dynamic_chain": bytes([DYNAMIC]) + b"\x92\xc4\x09\x22dynamic\x22" * 80 + b"\xc0",
    "trailing_bytes": bytes([STRING]) + mp("a") + b"\x00",
    "reserved_byte": bytes([STRING]) + b"\xc1",
}

JSON = {
    "provider_all_null": bytes([PROVIDER]) + b"{}",
    "provider_full": bytes([PROVIDER]) + json.dumps({
        "secret_id": "AKID", "region": "ap-guangzhou", "max_retries": 3, "rate_limit": "0.5",
        "assume_role": [{"role_arn": "qcs::cam::uin/1:roleName/r", "session_name": "s",
                         "session_duration": 1e3}]}).encode(),
    "check_state": bytes([CHECK]) + json.dumps({
        "access_region": "ap-hongkong", "real_server_region": "ap-guangzhou", "bandwidth": 10,
        "concurrent": 2, "check_flag": 1, "request_id": "r-1", "id": "abc"}).encode(),
    "every_type": bytes([EVERY]) + json.dumps({
        "b": "true", "d": {"type": ["map", "number"], "value": {"x": 1e300}}, "empty": {},
        "l": ["a", 1, True], "m": {"k": False}, "n": 123456789012345678901234567890.5,
        "nested": [{"a": [{"x": "1e-400"}]}],
        "o": {"a": "x", "b": [{"type": "string", "value": "s"}]},
        "s": "é", "st": [1, 2, -3], "t": ["s", "18446744073709551615", {"type": "bool", "value": None}],
    }).encode(),
    "dynamic_bad_key": bytes([DYNAMIC]) + b'{"type":"string","value":"x","extra":1}',
    "dynamic_nested": bytes([DYNAMIC]) + b'{"type":"dynamic","value":{"type":"number","value":-0}}',
    "number_big": bytes([NUMBER]) + b"1e1000000",
    "number_too_big": bytes([NUMBER]) + b"-1e1000001",
    "number_string_inf": bytes([NUMBER]) + b'"-Inf"',
    "deep_arrays": bytes([LISTS]) + b"[" * 200 + b"]" * 200,
    "duplicate_keys": bytes([MAP_TUPLE]) + b'{"a":[true,{}],"a":[false,{}]}',
    "invalid_utf8": bytes([STRING]) + b'"\xff"',
}

NUMBERS = {
    "int": b"12", "negative_fraction": b"-1.5", "exponent": b"1e400", "big_int":
    b"123456789012345678901234567890", "leading_dot": b".5", "trailing_dot": b"1.",
    "max_exponent_accepted": b"9.99e4095", "inf": b"-Inf", "plus_sign": b"+0.000", "max_exponent": b"9e999999",
    "over_max_exponent": b"1e1000000", "tiny": b"1e-1000000", "huge_exponent_digits":
    b"1e99999999999999999999999999", "zero_huge_exponent": b"0e99999999999999999999",
    "u64_max": b"18446744073709551615", "i64_min": b"-9223372036854775808",
    "float_exact": b"0.125", "float_inexact": b"0.1", "underscore": b"1_000", "nan": b"NaN",
    "two_signs": b"+-1", "empty_exponent": b"1e",
}

ENVELOPES = {
    "check_ok": b'{"Response":{"CheckFlag":1,"RequestId":"r-1"}}',
    "check_no": b'{"Response":{"CheckFlag":0,"RequestId":"r-2","Extra":[1,{"a":null}]}}',
    "sts_ok": b'{"Response":{"Credentials":{"TmpSecretId":"AKIDtmp","TmpSecretKey":"k","Token":"t"},"ExpiredTime":1700000000,"Expiration":"2023-11-14T22:13:20Z","RequestId":"r-3"}}',
    "sts_string_expiry": b'{"Response":{"Credentials":{"TmpSecretId":"a","TmpSecretKey":"k","Token":"t"},"ExpiredTime":" 1700000000 "}}',
    "error": b'{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"RequestId":"r-4"}}',
    "error_no_code": b'{"Response":{"Error":{"Message":"x"}}}',
    "error_not_object": b'{"Response":{"Error":"text"}}',
    "big_numbers": b'{"Response":{"CheckFlag":1e400,"ExpiredTime":99999999999999999999999}}',
    "not_json": b"<html>busy</html>",
    "deep": b'{"Response":' + b"[" * 300 + b"]" * 300 + b"}",
}

PROFILES = {
    "credential": b'{"secretId":"AKID1","secretKey":"sk","token":"tok","role-arn":"qcs::cam::uin/1:roleName/r","role-session-name":"s1","type":"x"}',
    "credential_minimal": b'{"secretId":"AKID1","secretKey":"sk"}',
    "credential_whitespace": b'{"secretId":" AKID1","secretKey":"sk\\n"}',
    "credential_wrong_types": b'{"secretId":1,"secretKey":["sk"]}',
    "configure": b'{"_sys_param":{"region":"ap-guangzhou","output":"json"},"cvm":{"version":"2017-03-12"}}',
    "configure_blank_region": b'{"_sys_param":{"region":" \\t "}}',
    "array": b'["a"]',
    "bom": b"\xef\xbb\xbf{}",
}

ANSWERS = {
    "metadata_ok": b'{"TmpSecretId":"AKIDtmp","TmpSecretKey":"k","Token":"t","ExpiredTime":1700000000,"Expiration":"2023-11-14T22:13:20Z","Code":"Success"}',
    "metadata_string_expiry": b'{"TmpSecretId":"a","TmpSecretKey":"k","Token":"t","ExpiredTime":"1700000000","Code":"Success"}',
    "metadata_failure": b'{"Code":"Failed"}',
    "metadata_empty_token": b'{"TmpSecretId":"a","TmpSecretKey":"k","Token":"","ExpiredTime":1,"Code":"Success"}',
    "metadata_float_expiry": b'{"TmpSecretId":"a","TmpSecretKey":"k","Token":"t","ExpiredTime":1.5e300,"Code":"Success"}',
    "sts_ok": ENVELOPES["sts_ok"],
    "sts_empty_key": b'{"Response":{"Credentials":{"TmpSecretId":"a","TmpSecretKey":"","Token":"t"},"ExpiredTime":1,"RequestId":"r"}}',
    "sts_negative_expiry": b'{"Response":{"Credentials":{"TmpSecretId":"a","TmpSecretKey":"k","Token":"t"},"ExpiredTime":-9223372036854775808}}',
}


def write(target, seeds):
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)


write("msgpack_value", MSGPACK)
write("json_value", JSON)
write("number", NUMBERS)
write("api_response", ENVELOPES)
write("profile_files", PROFILES)
write("credential_answers", ANSWERS)
