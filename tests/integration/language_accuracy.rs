//! Language detection on short news-like sentences in many languages: the service must name
//! the expected language for each, and be right at least as often as whatlang alone.
//! The sentences were written for this test.

use textanalytics::analysis::document::Document;
use textanalytics::analysis::language::{determine, iso_639_1};
use textanalytics::analysis::ContentFormat;

const SAMPLES: [(&str, &str); 26] = [
    ("en", "The city council approved the new budget on Tuesday after a long debate about school funding."),
    ("es", "El ayuntamiento aprobó el martes el nuevo presupuesto tras un largo debate sobre la financiación de las escuelas."),
    ("de", "Der Stadtrat hat am Dienstag nach einer langen Debatte über die Finanzierung der Schulen den neuen Haushalt beschlossen."),
    ("fr", "Le conseil municipal a adopté mardi le nouveau budget après un long débat sur le financement des écoles."),
    ("it", "Il consiglio comunale ha approvato martedì il nuovo bilancio dopo un lungo dibattito sul finanziamento delle scuole."),
    ("pt", "A câmara municipal aprovou na terça-feira o novo orçamento depois de um longo debate sobre o financiamento das escolas."),
    ("nl", "De gemeenteraad heeft dinsdag na een lang debat over de financiering van scholen de nieuwe begroting goedgekeurd."),
    ("sv", "Kommunfullmäktige godkände på tisdagen den nya budgeten efter en lång debatt om skolornas finansiering."),
    ("pl", "Rada miasta zatwierdziła we wtorek nowy budżet po długiej debacie na temat finansowania szkół."),
    ("ru", "Городской совет во вторник утвердил новый бюджет после долгих споров о финансировании школ."),
    ("uk", "Міська рада у вівторок ухвалила новий бюджет після тривалої дискусії щодо фінансування шкіл."),
    ("tr", "Belediye meclisi salı günü okulların finansmanı konusundaki uzun bir tartışmanın ardından yeni bütçeyi onayladı."),
    ("fi", "Kaupunginvaltuusto hyväksyi tiistaina uuden talousarvion pitkän koulujen rahoitusta koskevan keskustelun jälkeen."),
    ("hu", "A városi tanács kedden hosszú vita után elfogadta az új költségvetést, amely az iskolák finanszírozásáról szólt."),
    ("cs", "Městské zastupitelstvo v úterý po dlouhé debatě o financování škol schválilo nový rozpočet."),
    ("ro", "Consiliul local a aprobat marți noul buget după o dezbatere lungă despre finanțarea școlilor."),
    ("id", "Dewan kota menyetujui anggaran baru pada hari Selasa setelah perdebatan panjang tentang pendanaan sekolah."),
    ("vi", "Hội đồng thành phố đã thông qua ngân sách mới vào thứ Ba sau một cuộc tranh luận dài về tài trợ cho trường học."),
    ("ja", "市議会は火曜日、学校の財源をめぐる長い議論の末に新しい予算案を可決した。"),
    ("zh", "市议会周二在就学校经费问题进行长时间辩论后批准了新的预算。"),
    ("ko", "시의회는 화요일 학교 재정에 관한 긴 논쟁 끝에 새 예산안을 승인했다."),
    ("ar", "وافق مجلس المدينة يوم الثلاثاء على الميزانية الجديدة بعد نقاش طويل حول تمويل المدارس."),
    ("he", "מועצת העיר אישרה ביום שלישי את התקציב החדש לאחר ויכוח ארוך על מימון בתי הספר."),
    ("hi", "नगर परिषद ने मंगलवार को स्कूलों के वित्तपोषण पर लंबी बहस के बाद नया बजट मंजूर किया।"),
    ("el", "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη τον νέο προϋπολογισμό μετά από μακρά συζήτηση για τη χρηματοδότηση των σχολείων."),
    ("fa", "شورای شهر روز سه‌شنبه پس از بحثی طولانی درباره بودجه مدارس، بودجه جدید را تصویب کرد."),
];

#[test]
fn short_texts_are_in_their_language_at_least_as_often_as_whatlang_says() {
    let mut correct = 0;
    let mut whatlang_correct = 0;
    for (expected, text) in SAMPLES {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let (language, _) = determine(&document, None);
        let direct = whatlang::detect(text).map(|info| info.lang());
        if direct.is_some_and(|lang| iso_639_1(lang) == expected) {
            whatlang_correct += 1;
        }
        if language.code == expected {
            correct += 1;
        } else {
            eprintln!("{expected}: detected {} ({:?})", language.code, language);
        }
    }
    assert!(correct >= whatlang_correct, "{correct} correct, whatlang alone {whatlang_correct}");
    assert_eq!(correct, SAMPLES.len(), "every sample in its language");
}

#[test]
fn answers_carry_codes_names_and_scripts() {
    let cases = [
        (SAMPLES[0].1, "en", "eng", "English", "Latin"),
        (SAMPLES[9].1, "ru", "rus", "Russian", "Cyrillic"),
        (SAMPLES[19].1, "zh", "cmn", "Chinese", "Han"),
        (SAMPLES[21].1, "ar", "ara", "Arabic", "Arabic"),
        (SAMPLES[25].1, "fa", "pes", "Persian", "Arabic"),
    ];
    for (text, code, alpha3, name, script) in cases {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let (language, _) = determine(&document, None);
        assert_eq!(
            (language.code.as_str(), language.code_alpha3.as_str(), language.name.as_str(), language.script.as_str()),
            (code, alpha3, name, script)
        );
        assert!(language.confidence > 0.0 && language.confidence <= 1.0);
    }
}
