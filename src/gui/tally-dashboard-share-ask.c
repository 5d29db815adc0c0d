/* tally-dashboard-share-ask.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The two questions an import may ask about a layout, as libadwaita
 * message dialogs: which configured data source to use when the layout
 * names one that is not set up here (a teammate's "prod-prometheus"), and
 * whether to replace a dashboard of the user's that has the same uid or
 * keep both. Closing a dialog skips that layout and nothing else. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dashboard-share-private.h"

typedef struct
{
  TallyShareJob          *job;
  TallyShareSourceAnswer  source_answer;
  TallyShareClashAnswer   clash_answer;
  GtkDropDown            *sources;
} Question;

static GtkWidget *
dialog_new (TallyShareJob *job,
            const char    *heading,
            const char    *body)
{
  GtkWindow *parent = tally_share_job_get_parent (job);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  gtk_window_set_modal (GTK_WINDOW (dialog), parent != NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Skip"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return dialog;
}

static void
source_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Question         *question)
{
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (question->sources);

  if (g_str_equal (response, "use") && chosen != NULL)
    question->source_answer (question->job, gtk_string_object_get_string (chosen));
  else
    question->source_answer (question->job, NULL);
}

/* Asks which of @source_names @dashboard should use, then calls @answer
 * with it (NULL when the user skips the layout). */
void
tally_share_ask_source (TallyShareJob          *job,
                        TallyDashboard         *dashboard,
                        const char * const     *source_names,
                        TallyShareSourceAnswer  answer)
{
  Question *question = g_new0 (Question, 1);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: the first %s is a dashboard's title, the second the name
   * of a data source that is not configured */
  body = g_strdup_printf (_("“%s” reads its data from “%s”, which is not set up here. Choose "
                            "the data source it should use."),
                          tally_dashboard_get_title (dashboard),
                          tally_dashboard_get_source (dashboard));
  dialog = dialog_new (job, _("Unknown Data Source"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "use", _("_Use Source"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "use",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "use");

  question->job = job;
  question->source_answer = answer;
  question->sources = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (source_names));
  gtk_accessible_update_property (GTK_ACCESSIBLE (question->sources),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Data source"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      GTK_WIDGET (question->sources));

  g_signal_connect_data (dialog, "response", G_CALLBACK (source_response_cb), question,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clash_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Question         *question)
{
  if (g_str_equal (response, "replace"))
    question->clash_answer (question->job, TALLY_DASHBOARD_IMPORT_REPLACE);
  else if (g_str_equal (response, "keep-both"))
    question->clash_answer (question->job, TALLY_DASHBOARD_IMPORT_KEEP_BOTH);
  else
    question->clash_answer (question->job, -1);
}

/* Asks whether @dashboard replaces the user's dashboard with its uid,
 * then calls @answer with a TallyDashboardImportMode (-1 to skip it). */
void
tally_share_ask_clash (TallyShareJob         *job,
                       TallyDashboard        *dashboard,
                       TallyShareClashAnswer  answer)
{
  Question *question = g_new0 (Question, 1);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a dashboard's title */
  heading = g_strdup_printf (_("Replace “%s”?"), tally_dashboard_get_title (dashboard));
  /* Translators: %s is a dashboard's title */
  body = g_strdup_printf (_("You already have this dashboard. Replacing it puts the imported "
                            "layout in place of yours; keeping both adds it as “%s (imported)”."),
                          tally_dashboard_get_title (dashboard));
  dialog = dialog_new (job, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "keep-both", _("_Keep Both"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "replace", _("_Replace"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep-both");

  question->job = job;
  question->clash_answer = answer;
  g_signal_connect_data (dialog, "response", G_CALLBACK (clash_response_cb), question,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
