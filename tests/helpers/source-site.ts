/**
 * A web site on loopback that tests start and stop: the sources a checker
 * keeps copies of, and the hostile ones (huge, slow, lying about their type,
 * redirecting in a loop). Real HTTP, real sockets; nothing is mocked.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import iconv from 'iconv-lite';

/** A page whose script, if it ever ran, would leave a mark a test can see. */
export const statsPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>郴州经开区2022年工作总结</title></head>
<body>
<h1>郴州经开区2022年工作总结</h1>
<p id="figure">全年新签约引进项目45个,项目总投资305.7亿元。</p>
<p id="script-mark">script did not run</p>
<script>document.getElementById('script-mark').textContent = 'SCRIPT RAN'; document.title = 'SCRIPT RAN';</script>
<img src="http://127.0.0.1:9/tracker.png" alt="">
</body></html>
`;

/** The smallest well-formed PDF header and body FactDesk recognises as PDF. */
export const tinyPdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

/** A one-page PDF a viewer can draw: a line of text, with a cross-reference table at the right offsets. */
function onePagePdf(line: string): Buffer {
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 200]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>',
    (() => {
      const stream = `BT /F1 18 Tf 30 110 Td (${line}) Tj ET`;
      return `<</Length ${stream.length}>>stream\n${stream}\nendstream`;
    })(),
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj${body}endobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A statistics bulletin as a PDF with one readable page. */
export const bulletinPdf = onePagePdf('Total investment 305.7 (100 million yuan)');

export interface SourceSite {
  origin: string;
  /** Requests seen, by path (to show a page was fetched once). */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startSourceSite(): Promise<SourceSite> {
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (path === '/stats.html') return send('text/html; charset=utf-8', statsPage);
    if (path === '/gbk.html') return send('text/html; charset=GBK', iconv.encode('<html><head><title>统计公报</title></head><body>增长190.6%</body></html>', 'gbk'));
    if (path === '/report.pdf') return send('application/pdf', tinyPdf);
    if (path === '/bulletin.pdf') return send('application/pdf', bulletinPdf);
    if (path === '/moved') {
      res.writeHead(302, { Location: '/stats.html' });
      return res.end();
    }
    if (path === '/loop') {
      res.writeHead(302, { Location: '/loop' });
      return res.end();
    }
    if (path === '/program.exe') return send('application/octet-stream', Buffer.from('MZ\x90\x00binary'));
    if (path === '/liar.pdf') return send('application/pdf', '<html>not a pdf</html>');
    if (path === '/gone') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('gone');
    }
    if (path === '/huge-declared') {
      // Says how big it is up front: refused before the body is read.
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': String(200 * 1024 * 1024) });
      return res.write('<html>'.padEnd(1024, ' '));
    }
    if (path === '/huge-streamed') {
      // No length given: the body just keeps coming, 64 KiB at a time, until the client stops reading.
      res.writeHead(200, { 'Content-Type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.write('<html>');
      return pump();
    }
    if (path === '/slow') {
      // Headers at once, then a byte every 200 ms: never finishes in time.
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write('<html>');
      const t = setInterval(() => res.write('.'), 200);
      timers.add(t);
      res.on('close', () => {
        clearInterval(t);
        timers.delete(t);
      });
      return;
    }
    res.writeHead(404);
    res.end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
