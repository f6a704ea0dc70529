// The values of a template's list, for its filter box (assets/each.js).
window.dashsmithEach = [
["Signed Up","signed-up/index.html",926],
["\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e","script-script-alert-1-script/index.html",867],
["Order Completed","order-completed/index.html",857],
["Order Refunded","order-refunded/index.html",857]
];
