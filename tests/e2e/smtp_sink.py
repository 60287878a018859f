#!/usr/bin/python3
# smtp_sink.py PORT DIR - a local SMTP server for the e-mail tests
# (python3-aiosmtpd): on 127.0.0.1:PORT, every message accepted is
# written to DIR as NNNNNN.eml, bytes as received; a recipient whose
# address starts with « refus » is refused at RCPT TO (550), as a
# server refuses an unknown mailbox. Stops on SIGTERM or SIGINT, and by
# itself after an hour (a test that forgot it).
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out
        self.n = 0

    async def handle_RCPT(self, server, session, envelope, address,
                          rcpt_options):
        if address.startswith('refus'):
            return '550 5.1.1 <%s>: boîte inconnue' % address
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        path = os.path.join(self.out, '%06d.eml' % self.n)
        with open(path + '.tmp', 'wb') as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(path + '.tmp', path)
        return '250 2.0.0 Message accepted'


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    stop = {signal.SIGTERM, signal.SIGINT, signal.SIGALRM}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop)
    c = Controller(Sink(out), hostname='127.0.0.1', port=port)
    c.start()
    signal.alarm(3600)
    signal.sigwait(stop)
    c.stop()


main()
