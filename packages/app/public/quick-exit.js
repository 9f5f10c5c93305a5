// Quick exit of the public pages: the button (a plain link to /uscita without JavaScript) and the Shift key
// pressed three times replace this page in the history with a neutral site, after asking the server to clear
// this site's cache, cookies and storage. Steps of the check are also fetched in place, so that they never
// add history entries that Back could reopen.
(() => {
  const exitUrl = () => document.body?.dataset.exitUrl || 'about:blank';
  let leaving = false;
  const leave = () => {
    if (leaving) return;
    leaving = true;
    try {
      fetch('/uscita', {
        method: 'POST',
        keepalive: true,
        credentials: 'same-origin',
        cache: 'no-store',
      }).catch(() => {});
    } catch {
      // Nothing to do: the page is replaced anyway.
    }
    document.title = '';
    document.body.hidden = true;
    window.location.replace(exitUrl());
  };

  document.addEventListener('click', (e) => {
    const link = e.target instanceof Element ? e.target.closest('[data-quick-exit]') : null;
    if (!link) return;
    e.preventDefault();
    leave();
  });

  // A link marked `data-replace-history` (the landing page's way into the check) replaces the current page in
  // the history instead of adding one: after the quick exit, Back cannot reopen a page of Ponte. A click with a
  // modifier (new tab or window) keeps the browser's own behaviour.
  document.addEventListener('click', (e) => {
    const link = e.target instanceof Element ? e.target.closest('a[data-replace-history]') : null;
    if (!link || e.defaultPrevented || e.button !== 0) return;
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    window.location.replace(link.href);
  });

  let presses = [];
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Shift' || e.repeat) return;
    const now = Date.now();
    presses = presses.filter((t) => now - t < 1500);
    presses.push(now);
    if (presses.length >= 3) leave();
  });

  // The print button of the result exists only with JavaScript (without it, the browser's own Print works).
  const showPrint = () => {
    for (const b of document.querySelectorAll('[data-print]')) b.hidden = false;
  };
  document.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('[data-print]') : null;
    if (button) window.print();
  });

  // Move focus to the error summary so screen readers announce the problems at once.
  document.addEventListener('DOMContentLoaded', () => {
    const summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
    showPrint();
  });

  // The check's forms: post them with fetch and swap the page, so that each step replaces the previous one.
  document.addEventListener('submit', async (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-in-place')) return;
    e.preventDefault();
    const body = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string') body.append(k, v);
    const submitter = e.submitter;
    if (submitter instanceof HTMLButtonElement && submitter.name)
      body.append(submitter.name, submitter.value);
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        body,
        credentials: 'omit',
        cache: 'no-store',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const html = await res.text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      document.documentElement.lang = doc.documentElement.lang;
      document.documentElement.dir = doc.documentElement.dir;
      document.title = doc.title;
      document.body.replaceWith(document.adoptNode(doc.body));
      window.scrollTo(0, 0);
      showPrint();
      const focus = document.querySelector('[data-error-summary]') || document.getElementById('main');
      if (focus) focus.focus();
    } catch {
      form.removeAttribute('data-in-place');
      form.submit();
    }
  });
})();
