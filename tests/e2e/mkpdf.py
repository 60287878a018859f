#!/usr/bin/env python3
"""mkpdf.py OUT [--pad BYTES] LINE... - a one-page PDF with these lines of
Helvetica (accents in WinAnsi), for the tests and benchmarks of the
library's files. --pad adds an unused stream of random bytes so that the
file weighs about BYTES (pdftotext still reads the page)."""
import os
import sys


def main():
    args = sys.argv[1:]
    out = args.pop(0)
    pad = 0
    if args[:1] == ["--pad"]:
        pad = int(args[1])
        args = args[2:]
    content = b"BT /F1 12 Tf 72 760 Td 16 TL\n"
    for line in args:
        t = line.encode("cp1252").replace(b"\\", b"\\\\")
        t = t.replace(b"(", b"\\(").replace(b")", b"\\)")
        content += b"(" + t + b") Tj T*\n"
    content += b"ET\n"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content +
        b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
    ]
    if pad > 0:
        blob = os.urandom(pad)
        objs.append(b"<< /Length %d >>\nstream\n" % len(blob) + blob +
                    b"\nendstream")
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(pdf))
        pdf += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        pdf += b"%010d 00000 n \n" % o
    pdf += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    with open(out, "wb") as f:
        f.write(pdf)


main()
