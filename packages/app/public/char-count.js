// The live count of a free-text field (issue 10). Without JavaScript the page says the limit next to the field
// and the server refuses a longer text with the form kept; with it, the count follows what is typed. The field
// has no `maxlength`: the browser never cuts a pasted text silently. Characters are counted as the server counts
// them (code points). Screen readers hear the count once typing pauses, not at every key.
(() => {
  const lang = document.documentElement.lang || 'it';
  let format;
  try {
    format = new Intl.NumberFormat(lang, { useGrouping: 'always' });
  } catch {
    format = new Intl.NumberFormat(lang);
  }
  const fill = (text, values) =>
    text.replace(/\{(\w+)\}/g, (m, name) => (name in values ? format.format(values[name]) : m));

  document.addEventListener('DOMContentLoaded', () => {
    for (const counter of document.querySelectorAll('[data-count-for]')) {
      const field = document.getElementById(counter.dataset.countFor);
      const max = Number(counter.dataset.max);
      if (!field || !max) continue;
      const status = document.createElement('span');
      status.className = 'visually-hidden';
      status.setAttribute('aria-live', 'polite');
      counter.after(status);
      let timer;
      const update = (announce) => {
        const count = Array.from(field.value).length;
        const over = count > max;
        counter.textContent = fill(over ? counter.dataset.textOver : counter.dataset.textCount, {
          count,
          max,
          over: count - max,
        });
        counter.classList.toggle('text-danger', over);
        counter.classList.toggle('fw-semibold', over);
        clearTimeout(timer);
        if (announce) timer = setTimeout(() => (status.textContent = counter.textContent), 1000);
      };
      field.addEventListener('input', () => update(true));
      update(false);
    }
  });
})();
