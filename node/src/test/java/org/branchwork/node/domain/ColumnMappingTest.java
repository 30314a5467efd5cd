package org.branchwork.node.domain;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnMappingTest {

    @Test
    void commonSpellingsOfHeadersAreRecognisedWhateverTheirCase() {
        List<String> headers = List.of(
                "Email Address",
                "E-mail",
                "Post Code",
                "POSTCODE",
                "Zip",
                "First name",
                "Last name",
                "Surname",
                "Mobile",
                "Phone number",
                "contact_consent",
                "Tags",
                "joined");

        assertThat(headers)
                .allSatisfy(h -> assertThat(ImportField.recognise(h)).as(h).isPresent());
        assertThat(ColumnMapping.recognised(headers).fields())
                .containsExactly(
                        ImportField.EMAIL,
                        ImportField.EMAIL,
                        ImportField.POSTCODE,
                        ImportField.POSTCODE,
                        ImportField.POSTCODE,
                        ImportField.FIRST_NAME,
                        ImportField.LAST_NAME,
                        ImportField.LAST_NAME,
                        ImportField.PHONE,
                        ImportField.PHONE,
                        ImportField.CONTACT_CONSENT,
                        ImportField.TAGS,
                        ImportField.IGNORE);
    }

    @Test
    void onlyTheNodesOwnHeadersSkipTheMappingStepAndAnUnknownOneIsIgnoredUntilMapped() {
        List<String> headers = List.of("Name", "Email", "Postcode", "Ward");

        assertThat(ColumnMapping.ownHeaders(headers)).isFalse();
        assertThat(ColumnMapping.recognised(headers).fields()).last().isEqualTo(ImportField.IGNORE);
        assertThat(ColumnMapping.ownHeaders(List.of("Email Address", "name", "postcode")))
                .as("recognised, but a guess to confirm")
                .isFalse();
        assertThat(ColumnMapping.ownHeaders(
                        List.of("name", "EMAIL", "postcode", "phone", "contact_consent", "tags", "joined")))
                .isTrue();
    }

    @Test
    void firstAndLastNameAreJoinedIntoTheName() {
        ColumnMapping m = ColumnMapping.recognised(List.of("First name", "Last name", "Email", "Post Code"));

        assertThat(m.problems()).isEmpty();
        assertThat(m.value(List.of(" Zoë ", "Ó Briain", "z@example.org", "M1 1AE"), ImportField.NAME))
                .isEqualTo("Zoë Ó Briain");
        assertThat(m.value(List.of("Cher", "", "c@example.org", "M1 1AE"), ImportField.NAME))
                .isEqualTo("Cher");
        assertThat(m.value(List.of("Short row"), ImportField.EMAIL)).isEmpty();
    }

    @Test
    void aMappingWithoutNameEmailOrPostcodeOrWithAFieldTwiceSaysWhy() {
        assertThat(new ColumnMapping(List.of(ImportField.IGNORE, ImportField.PHONE)).problems())
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("name"))
                .anySatisfy(p -> assertThat(p).contains("email"))
                .anySatisfy(p -> assertThat(p).contains("postcode"));
        assertThat(new ColumnMapping(List.of(
                                ImportField.NAME,
                                ImportField.FIRST_NAME,
                                ImportField.EMAIL,
                                ImportField.EMAIL,
                                ImportField.POSTCODE))
                        .problems())
                .containsExactly(
                        "Two columns are mapped to email: choose one and ignore the other.",
                        "Map either one column to name, or first name and last name, not both.");
    }
}
