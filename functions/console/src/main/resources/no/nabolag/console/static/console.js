// Progressive enhancement only: a "copy" button next to a read-only field. Everything works without it.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var field = document.getElementById(button.getAttribute('data-copy'));
      if (!field) { return; }
      field.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(field.value).catch(function () {});
      }
      var status = document.getElementById(button.getAttribute('data-copy') + '-status');
      if (status) { status.textContent = button.getAttribute('data-copied'); }
    });
  });
});
