package app

import (
	"fmt"
	"sort"
	"strings"
)

// msg names one user-visible string. Every msg has a text in every catalog
// (i18n_test.go checks it); adding a language means adding one i18n_xx.go.
type msg string

const (
	msgTitle             msg = "title"
	msgValid             msg = "valid"
	msgInvalid           msg = "invalid"
	msgCannotVerify      msg = "cannotVerify"
	msgReasonValid       msg = "reasonValid"
	msgReasonSignature   msg = "reasonSignature"
	msgReasonExpired     msg = "reasonExpired"     // %s: date
	msgReasonNotYet      msg = "reasonNotYetValid" // %s: date
	msgReasonExpiry      msg = "reasonExpiry"
	msgReasonUnknownKey  msg = "reasonUnknownIssuer"
	msgReasonTrustStale  msg = "reasonTrustStale"
	msgReasonNoTrust     msg = "reasonNoTrust"
	msgReasonClock       msg = "reasonClock"
	msgReasonKeyUsage    msg = "reasonKeyUsage"
	msgReasonRevoked     msg = "reasonRevoked"
	msgReasonNotDCC      msg = "reasonNotDCC"
	msgReasonMalformed   msg = "reasonMalformed"
	msgReasonSchema      msg = "reasonSchema"
	msgReasonCountry     msg = "reasonCountry"
	msgReasonPolicy      msg = "reasonPolicy"
	msgReasonPolicyRule  msg = "reasonPolicyRule" // %s: the rule's description
	msgReasonUnsupported msg = "reasonUnsupported"
	msgReasonPartial     msg = "reasonPartial"
	msgName              msg = "name"
	msgDOB               msg = "dob"
	msgVaccination       msg = "vaccination"
	msgDose              msg = "dose" // %d/%d, %s date
	msgTest              msg = "test"
	msgTestResult        msg = "testResult" // %s type, %s result
	msgTestNegative      msg = "testNegative"
	msgTestPositive      msg = "testPositive"
	msgTestPCR           msg = "testPCR"
	msgTestRAT           msg = "testRAT"
	msgSampled           msg = "sampled" // %s date-time with zone, %s age
	msgRecovery          msg = "recovery"
	msgValidUntil        msg = "validUntil" // %s date
	msgUnverifiedName    msg = "unverifiedName"
	msgTapToContinue     msg = "tapToContinue"
	msgPointCamera       msg = "pointCamera"
	msgStartingCamera    msg = "startingCamera"
	msgSwitchCamera      msg = "switchCamera"
	msgTorch             msg = "torch"
	msgCameraDenied      msg = "cameraDenied"
	msgCameraMissing     msg = "cameraMissing"
	msgCameraError       msg = "cameraError"
	msgRetry             msg = "retry"
	msgScanPhoto         msg = "scanPhoto"
	msgPhotoNoCode       msg = "photoNoCode"
	msgPaste             msg = "paste"
	msgCheck             msg = "check"
	msgTrustKeys         msg = "trustKeys"   // %d keys, %s age
	msgTrustOneKey       msg = "trustOneKey" // %s age
	msgTrustStale        msg = "trustStale"
	msgTrustExpired      msg = "trustExpired"
	msgTrustNone         msg = "trustNone"
	msgTrustUpdating     msg = "trustUpdating"
	msgTrustRejected     msg = "trustRejected"
	msgTrustList         msg = "trustList"
	msgBundleIssued      msg = "bundleIssued" // %d seq, %s date-time
	msgFingerprint       msg = "fingerprint"
	msgBundleShare       msg = "bundleShare"
	msgBundleImport      msg = "bundleImport"
	msgBundleImported    msg = "bundleImported" // %d seq, %s date
	msgBundleRefused     msg = "bundleRefused"  // %s: why (a msgRefused*)
	msgRefusedRollback   msg = "refusedRollback"
	msgRefusedKey        msg = "refusedKey"
	msgRefusedSignature  msg = "refusedSignature"
	msgRefusedMalformed  msg = "refusedMalformed"
	msgRefusedStale      msg = "refusedStale"
	msgRefusedClock      msg = "refusedClock"
	msgRefusedOther      msg = "refusedOther"
	msgAlreadyScanned    msg = "alreadyScanned" // %s: time of day
	msgShiftLine         msg = "shiftLine"      // %s start, %d valid, %d duplicates, %d invalid, %d cannot verify
	msgShiftExport       msg = "shiftExport"    // %s start, %s end, then as msgShiftLine
	msgShiftCopy         msg = "shiftCopy"
	msgShiftNew          msg = "shiftNew"
	msgShiftConfirm      msg = "shiftConfirm"
	msgClockWarning      msg = "clockWarning"
	msgJustNow           msg = "justNow"
	msgMinutesAgo        msg = "minutesAgo" // %d
	msgHoursAgo          msg = "hoursAgo"   // %d
	msgDaysAgo           msg = "daysAgo"    // %d
	msgSettings          msg = "settings"
	msgLanguage          msg = "language"
	msgSound             msg = "sound"
	msgVibration         msg = "vibration"
	msgKeepCounts        msg = "keepCounts"
	msgAutoReturn        msg = "autoReturn"
	msgSeconds           msg = "seconds" // %d
	msgNever             msg = "never"
	msgCamera            msg = "camera"
	msgCameraRear        msg = "cameraRear"
	msgCameraFront       msg = "cameraFront"
	msgPolicy            msg = "policy"
	msgRulesInForce      msg = "rulesInForce" // %s: policy name
	msgCameraInsecure    msg = "cameraInsecure"
	msgClose             msg = "close"
	msgInstall           msg = "install"
	msgInstallIOS        msg = "installIOS"
	msgUpdateAvailable   msg = "updateAvailable"
	msgOffline           msg = "offline"
	msgDismiss           msg = "dismiss"
	msgUnreachable       msg = "unreachable"
	msgNothingToCheck    msg = "nothingToCheck"
	msgPrivacy           msg = "privacy"
	msgOn                msg = "on"
	msgOff               msg = "off"
)

// catalog is one language: its BCP 47 code, its own name, and its texts.
type catalog struct {
	Code string
	Name string
	Msgs map[msg]string
}

var catalogs = map[string]*catalog{}

func register(c *catalog) {
	for m, s := range formatMsgs[c.Code] { // i18n_formats.go
		c.Msgs[m] = s
	}
	catalogs[c.Code] = c
}

// defaultLang is used when the browser asks for no language we have.
const defaultLang = "en"

// languages returns the catalog codes, sorted.
func languages() []string {
	codes := make([]string, 0, len(catalogs))
	for c := range catalogs {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// pickLang returns the first of the browser's preferred languages (such as
// "ko-KR", "en-US") that has a catalog, matching on the primary subtag.
func pickLang(preferred []string) string {
	for _, p := range preferred {
		p = strings.ToLower(strings.TrimSpace(p))
		if i := strings.IndexAny(p, "-_"); i > 0 {
			p = p[:i]
		}
		if _, ok := catalogs[p]; ok {
			return p
		}
	}
	return defaultLang
}

// tr returns the text of m in lang, formatted with args. A missing text
// falls back to English, then to the message name, so a gap shows up
// visibly instead of as an empty label.
func tr(lang string, m msg, args ...any) string {
	s, ok := "", false
	if c := catalogs[lang]; c != nil {
		s, ok = c.Msgs[m]
	}
	if !ok {
		if s, ok = catalogs[defaultLang].Msgs[m]; !ok {
			s = string(m)
		}
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
