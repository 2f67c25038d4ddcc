// The scheduler's dashboard has controls without a name (the job lists' checkboxes, the menu button on a phone):
// give each one a name a screen reader can say.
(function () {
    function label() {
        document.querySelectorAll('.js-jobs-list-select-all').forEach(function (box) { box.setAttribute('aria-label', 'Select every job in the list'); });
        document.querySelectorAll('.js-jobs-list-checkbox').forEach(function (box) { box.setAttribute('aria-label', 'Select ' + box.value); });
        document.querySelectorAll('button.navbar-toggle').forEach(function (button) { if (!button.textContent.trim()) button.setAttribute('aria-label', 'Menu'); });
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', label); else label();
})();
