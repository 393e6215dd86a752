// Nothing typed is lost. Every form marked data-draft keeps its fields in this tab's sessionStorage as they are
// typed (sessionStorage, not localStorage: personal data must not outlive the tab on a shared office PC), puts them
// back when the page is opened again (after a failed send, a sign-in, a reload), and is cleared once the server says
// it stored the form (a page with data-saved naming the form's request id). A form sent while the network is down
// waits, says so, and goes when the network is back; its request id makes a second send store nothing twice.
(() => {
  'use strict';
  const banner = document.getElementById('offline');
  const keyOf = form => 'draft:' + location.pathname + ':' + form.dataset.draft;
  // Passwords (data-no-draft) are never kept.
  const fields = form => [...form.elements].filter(e => e.name && !e.name.startsWith('__') && e.type !== 'submit' && e.name !== '_handler' && !('noDraft' in e.dataset));

  const saved = document.querySelector('[data-saved]');
  if (saved) {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith('draft:') && JSON.parse(sessionStorage.getItem(key) || '{}')['Model.RequestId'] === saved.dataset.saved) {
        sessionStorage.removeItem(key);
      }
    }
  }

  for (const form of document.querySelectorAll('form[data-draft]')) {
    const key = keyOf(form);
    const draft = JSON.parse(sessionStorage.getItem(key) || 'null');
    if (draft) {
      for (const field of fields(form)) {
        if (!(field.name in draft)) continue;
        if (field.type === 'checkbox') field.checked = draft[field.name] === true;
        else field.value = draft[field.name];
      }
    }
    const keep = () => {
      const values = {};
      for (const field of fields(form)) values[field.name] = field.type === 'checkbox' ? field.checked : field.value;
      sessionStorage.setItem(key, JSON.stringify(values));
    };
    form.addEventListener('input', keep);
    form.addEventListener('change', keep);
    form.addEventListener('submit', event => {
      keep();
      if (navigator.onLine) return;
      event.preventDefault();
      if (banner) banner.hidden = false;
      window.addEventListener('online', () => {
        if (banner) banner.hidden = true;
        form.requestSubmit();
      }, { once: true });
    });
  }

  window.addEventListener('offline', () => { if (banner) banner.hidden = false; });
  window.addEventListener('online', () => { if (banner) banner.hidden = true; });
})();
