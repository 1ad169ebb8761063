// Put first in every page the cross-engine suite opens (a classic script, so it runs before the page's
// modules): it records page errors and keeps the files the page exports, the same way in every engine,
// since WebKit's WebDriver reports neither console messages nor downloads.
(() => {
  const errors = [];
  const files = [];
  const text = (x) => (x instanceof Error ? `${x.name}: ${x.message}` : String(x));
  addEventListener(
    'error',
    (e) => {
      if (e.target && e.target !== window)
        errors.push(`failed to load: ${e.target.src || e.target.href || e.target.tagName}`);
      // Not an exception: the spec's notice that a ResizeObserver's later observations wait a frame.
      else if (!(e.error == null && /^ResizeObserver loop/.test(e.message))) errors.push(`uncaught: ${e.message}`);
    },
    true,
  );
  addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection: ${text(e.reason)}`));
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    errors.push(`console error: ${args.map(text).join(' ')}`);
    consoleError(...args);
  };
  // An export saves a blob through a temporary <a download>: keep its bytes instead of a file on disk.
  document.addEventListener(
    'click',
    (e) => {
      const a = e.target instanceof Element && e.target.closest('a[download]');
      if (!a) return;
      e.preventDefault();
      files.push(
        fetch(a.href)
          .then((r) => r.blob())
          .then(async (b) => ({
            name: a.download,
            type: b.type,
            text: await b.text(),
            head: Array.from(new Uint8Array(await b.arrayBuffer()).subarray(0, 8)),
            png: b.type === 'image/png' ? await createImageBitmap(b).then((i) => [i.width, i.height]) : null,
          })),
      );
    },
    true,
  );
  const outside = () =>
    performance
      .getEntriesByType('resource')
      .map((r) => r.name)
      .filter((u) => !/^(data|blob|file):/.test(u) && !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u));
  window.__probe = { errors, files, outside };
})();
