package org.branchwork.node.web.view;

/**
 * The page an elector's mailed voting link opens: what is asked, until when, and the ballot while
 * they may still cast it; otherwise why not ({@code note}), or why the ballot was refused.
 */
public record VoteLinkView(
        String title, String html, String closes, ConsultationView.Ballot ballot, String note, String error) {}
