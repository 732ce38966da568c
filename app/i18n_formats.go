package app

// The messages of the other credential formats (SMART Health Card, NZ
// COVID Pass) and of chunked cards, per language; register (i18n.go)
// merges them into each catalog.
const (
	msgChunkProgress    msg = "chunkProgress" // %d got, %d total
	msgFormatHC1        msg = "formatHC1"
	msgFormatSHC        msg = "formatSHC"
	msgFormatNZCP       msg = "formatNZCP"
	msgTestIssuer       msg = "testIssuer"
	msgDosesCompleted   msg = "dosesCompleted" // %d
	msgShotDose         msg = "shotDose"       // %s vaccine, %d dose, %s date
	msgShotOther        msg = "shotOther"      // %s vaccine, %s date, %s status
	msgObservation      msg = "observation"    // %s code, %s date
	msgNZPass           msg = "nzPass"         // %s valid from
	msgApplied          msg = "applied"        // %s policy, %s check
	msgAppliedPolicy    msg = "appliedPolicy"  // %s policy
	msgCheckRules       msg = "checkRules"
	msgCheckSignature   msg = "checkSignature"
	msgCheckVaccination msg = "checkVaccination"
)

var formatMsgs = map[string]map[msg]string{
	"en": {
		msgChunkProgress:    "%d of %d scanned — show the card's next QR code",
		msgFormatHC1:        "EU Digital COVID Certificate",
		msgFormatSHC:        "SMART Health Card",
		msgFormatNZCP:       "NZ COVID Pass",
		msgTestIssuer:       "Test issuer — for demonstrations only",
		msgDosesCompleted:   "Vaccination · %d doses completed",
		msgShotDose:         "%s · dose %d · %s",
		msgShotOther:        "%s · %s · %s",
		msgObservation:      "Lab result %s · %s",
		msgNZPass:           "COVID Pass · valid from %s",
		msgApplied:          "Checked with: %s — %s",
		msgAppliedPolicy:    "Checked with: %s",
		msgCheckRules:       "venue rules",
		msgCheckSignature:   "signature only",
		msgCheckVaccination: "completed vaccination",
	},
	"ko": {
		msgChunkProgress:    "%d/%d 스캔됨 — 카드의 다음 QR 코드를 보여 주세요",
		msgFormatHC1:        "EU 디지털 코로나19 증명서",
		msgFormatSHC:        "SMART Health Card",
		msgFormatNZCP:       "뉴질랜드 코로나19 패스",
		msgTestIssuer:       "테스트 발급자 — 시연용",
		msgDosesCompleted:   "예방접종 · %d회 완료",
		msgShotDose:         "%s · %d차 · %s",
		msgShotOther:        "%s · %s · %s",
		msgObservation:      "검사 결과 %s · %s",
		msgNZPass:           "코로나19 패스 · %s부터 유효",
		msgApplied:          "적용 기준: %s — %s",
		msgAppliedPolicy:    "적용 기준: %s",
		msgCheckRules:       "장소 규칙",
		msgCheckSignature:   "서명만 확인",
		msgCheckVaccination: "예방접종 완료",
	},
}
