package app

// pinnedBundleKeys holds the trust-bundle public key(s) the app accepts
// (base64 DER SPKI, comma separated; see verify/trust.ParsePinned). It is
// set at build time, never fetched:
//
//	go build -ldflags "-X passcheck/app.pinnedBundleKeys=..." ./wasm/app
var pinnedBundleKeys string
