#!/usr/bin/python3
# mail_read.py DIR - for each message NNNNNN.eml that smtp_sink.py wrote
# to DIR, NNNNNN.txt beside it: the headers as Python's email package
# decodes them (RFC 2047), the widest raw line and the widest decoded
# body line, then the body decoded (quoted-printable, its charset), for
# the tests to grep. Stops with an error if a message does not parse or
# is not one text/plain part.
import email
import email.policy
import glob
import sys

for path in sorted(glob.glob(sys.argv[1] + '/*.eml')):
    # SMTP carries CRLF; the lines are the same.
    raw = open(path, 'rb').read().replace(b'\r\n', b'\n')
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    if msg.get_content_type() != 'text/plain' or msg.is_multipart():
        sys.exit('%s: not one text/plain part' % path)
    body = msg.get_content()
    out = []
    for h in ('From', 'To', 'Subject', 'Date', 'Message-ID',
              'List-Unsubscribe', 'Auto-Submitted', 'Precedence',
              'Content-Type', 'Content-Transfer-Encoding'):
        if msg[h] is not None:
            out.append('%s: %s' % (h, ' '.join(str(msg[h]).split())))
    if msg['Date'] is not None and msg['Date'].datetime is None:
        sys.exit('%s: Date does not parse' % path)
    out.append('Raw-Max-Line: %d' % max(len(l) for l in raw.split(b'\n')))
    out.append('Body-Max-Width: %d' % max(len(l) for l in
                                          body.split('\n')))
    out.append('')
    out.append(body)
    with open(path[:-4] + '.txt', 'w', encoding='utf-8') as f:
        f.write('\n'.join(out))
