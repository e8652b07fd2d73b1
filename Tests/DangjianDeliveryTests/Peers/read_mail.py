#!/usr/bin/env python3
"""Reads one received message with Python's own email package and prints what the email tests
check, as JSON: python3 read_mail.py MESSAGE.eml

Python's parser is an independent reader of RFC 5322, MIME and RFC 2047: if it decodes the
subject, the sender's name and both parts to the text we sent, so will a mail client.
"""

import email
import email.policy
import json
import sys

raw = open(sys.argv[1], "rb").read()
message = email.message_from_bytes(raw, policy=email.policy.default)
sender = message["From"].addresses[0]
parts = []
for part in message.iter_parts():
    parts.append({"type": part.get_content_type(), "charset": part.get_content_charset(),
                  "encoding": part["Content-Transfer-Encoding"], "text": part.get_content()})
print(json.dumps({
    "subject": str(message["Subject"]),
    "fromName": sender.display_name,
    "fromAddress": sender.addr_spec,
    "to": str(message["To"]),
    "messageID": str(message["Message-ID"]),
    "idempotencyKey": str(message["X-Dangjian-Idempotency-Key"]),
    "date": str(message["Date"]),
    "dateParses": message["Date"].datetime is not None,
    "contentType": message.get_content_type(),
    # What the parser found wrong: in the message, in a part, or in any header's encoding.
    "defects": [type(d).__name__ for d in message.defects]
    + [type(d).__name__ for p in message.iter_parts() for d in p.defects]
    + [f"{name}: {type(d).__name__}" for name, value in message.items() for d in value.defects],
    "parts": parts,
    # Lines over RFC 5322's 78 characters, by their first 20 (a Message-ID of a SHA-256 is one).
    "longLines": [line[:20].decode() for line in raw.split(b"\r\n") if len(line) > 78],
    "bareLineFeeds": raw.replace(b"\r\n", b"").count(b"\n"),
}, ensure_ascii=False))
