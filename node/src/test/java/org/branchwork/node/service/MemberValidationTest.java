package org.branchwork.node.service;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemberValidationTest {

    @Test
    void tagsInAnyScriptAreAccepted() {
        List<FieldError> errors = new ArrayList<>();

        var tags = MemberValidation.tags("Café, Wahlkreis-Süd, организатор, 志愿者, door_knock 2", errors);

        assertThat(errors).isEmpty();
        assertThat(tags).containsExactly("café", "wahlkreis-süd", "организатор", "志愿者", "door_knock 2");
    }

    @Test
    void aTagTypedWithACombiningAccentIsTheSameTagAsThePrecomposedOne() {
        List<FieldError> errors = new ArrayList<>();

        var tags = MemberValidation.tags("cafe\u0301, caf\u00e9", errors);

        assertThat(errors).isEmpty();
        assertThat(tags).containsExactly("caf\u00e9");
    }

    @Test
    void punctuationAndOverlongTagsAreRefusedNamingTheTag() {
        List<FieldError> bad = new ArrayList<>();
        MemberValidation.tags("fine, <script>", bad);
        assertThat(bad).singleElement().satisfies(e -> assertThat(e.message()).contains("'<script>'"));

        List<FieldError> longOne = new ArrayList<>();
        MemberValidation.tags("ü".repeat(41), longOne);
        assertThat(longOne).hasSize(1);

        List<FieldError> leadingDash = new ArrayList<>();
        MemberValidation.tags("-x", leadingDash);
        assertThat(leadingDash).hasSize(1);
    }
}
