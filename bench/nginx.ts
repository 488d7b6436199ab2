import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * nginx with one worker serving files from disk, the yardstick for "as fast as a static site":
 * `/article` and `/` are the site's own bytes for those pages, the brotli copy when the client
 * accepts it (chosen with a map, as Debian's nginx has no brotli module: the same bytes either way).
 */
export async function startNginx(dir: string, port: number, pages: Record<string, { html: Buffer; br: Buffer }>) {
  const www = path.join(dir, "www");
  fs.mkdirSync(www, { recursive: true });
  const locations = Object.entries(pages).map(([location, page]) => {
    const file = location === "/" ? "home" : location.replace(/\W+/g, "-").replace(/^-|-$/g, "");
    fs.writeFileSync(path.join(www, `${file}.html`), page.html);
    fs.writeFileSync(path.join(www, `${file}.html.br`), page.br);
    return `    location = ${location} {
      try_files /${file}.html$br_suffix =404;
      add_header Content-Encoding $br_encoding;
      add_header Vary Accept-Encoding;
    }`;
  });
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  default_type "text/html; charset=utf-8";
  types { }
  map $http_accept_encoding $br_suffix { "~*\\bbr\\b" ".br"; default ""; }
  map $br_suffix $br_encoding { ".br" "br"; default ""; }
  server {
    listen 127.0.0.1:${port};
    root ${www};
${locations.join("\n")}
  }
}
`,
  );
  // Debian puts it in /usr/sbin, which is not on every user's PATH.
  const bin = fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
  const nginx: ChildProcess = spawn(bin, ["-c", conf, "-p", dir], { stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url: `http://127.0.0.1:${port}`, stop: () => nginx.kill("SIGTERM") };
}
