/* tally-dashboard-properties.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A dashboard's properties: title, description, tags, how often it
 * refreshes, the time range it opens with, the data source it reads and
 * whether it may be edited. Apply writes them as one
 * undo step (the history is frozen around the writes); Cancel changes
 * nothing. The time range is navigation, not an edit (docs/dashboards.md,
 * "Undo and redo"): it is saved with the dashboard but undo leaves it. A
 * field that does not read turns red and is named under the form, and
 * Apply waits until it is fixed. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-dashboard-properties.h"
#include "tally-time-range.h"

struct _TallyDashboardProperties
{
  AdwWindow              parent_instance;

  TallyDashboardHistory *history;
  char                  *problem;

  /* template */
  GtkWidget             *apply_button;
  GtkLabel              *problem_label;
  AdwEntryRow           *title_row;
  AdwEntryRow           *description_row;
  AdwEntryRow           *tags_row;
  AdwEntryRow           *refresh_row;
  AdwEntryRow           *from_row;
  AdwEntryRow           *to_row;
  AdwEntryRow           *source_row;
  GtkSwitch             *editable_switch;
};

G_DEFINE_FINAL_TYPE (TallyDashboardProperties, tally_dashboard_properties, ADW_TYPE_WINDOW)

static TallyDashboard *
dashboard (TallyDashboardProperties *self)
{
  return tally_dashboard_history_get_dashboard (self->history);
}

/* The field's text without the spaces around it. */
static char *
text_of (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
fail (TallyDashboardProperties *self,
      AdwEntryRow              *row,
      const char               *field,
      const char               *message)
{
  if (self->problem != NULL)
    return;
  /* Translators: a field of the dashboard's properties, then what is
   * wrong with it */
  self->problem = g_strdup_printf (_("%s: %s"), field, message);
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static void
check_refresh (TallyDashboardProperties *self)
{
  g_autofree char *refresh = text_of (self->refresh_row);
  g_autoptr(GError) error = NULL;
  gint64 seconds;

  if (*refresh == '\0' || g_str_equal (refresh, "off"))
    return;
  if (!tally_time_parse_interval (refresh, &seconds, &error))
    fail (self, self->refresh_row, _("Refresh"), error->message);
  else if (seconds < 5)
    fail (self, self->refresh_row, _("Refresh"), _("must be at least 5s (or “off”)"));
}

static void
check_range (TallyDashboardProperties *self)
{
  g_autofree char *from = text_of (self->from_row);
  g_autofree char *to = text_of (self->to_row);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GError) error = NULL;

  range = tally_time_range_parse (from, to, now, &error);
  if (range == NULL)
    fail (self, self->from_row, _("Time range"), error->message);
}

/* A source is named as sources.json names it: letters, digits, "-", "_"
 * and ".". */
static void
check_source (TallyDashboardProperties *self)
{
  g_autofree char *source = text_of (self->source_row);

  if (*source == '\0')
    fail (self, self->source_row, _("Data source"), _("a dashboard needs a source (“local”)"));
  for (const char *c = source; *c != '\0' && self->problem == NULL; c++)
    if (!g_ascii_isalnum (*c) && strchr ("-_.", *c) == NULL)
      fail (self, self->source_row, _("Data source"),
            _("a source name has only letters, digits, “-”, “_” and “.”"));
}

static void
fields_changed_cb (TallyDashboardProperties *self)
{
  g_autofree char *title = text_of (self->title_row);
  AdwEntryRow *rows[] = { self->title_row, self->refresh_row, self->from_row, self->to_row,
                          self->source_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
  g_clear_pointer (&self->problem, g_free);

  if (*title == '\0')
    fail (self, self->title_row, _("Title"), _("a dashboard needs a title"));
  check_refresh (self);
  check_range (self);
  check_source (self);

  gtk_label_set_text (self->problem_label, self->problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->problem != NULL);
  gtk_widget_set_sensitive (self->apply_button, self->problem == NULL);
}

/* "prod, team a," → { "prod", "team a" } */
static GStrv
parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *tag = g_strstrip (parts[i]);

      if (*tag != '\0')
        g_strv_builder_add (builder, tag);
    }
  return g_strv_builder_end (builder);
}

/* "off" and no refresh are the same: neither replaces the other. */
static void
set_refresh (TallyDashboard *d,
             const char     *refresh)
{
  const char *old = tally_dashboard_get_refresh (d);
  gboolean off = *refresh == '\0' || g_str_equal (refresh, "off");
  gboolean was_off = old == NULL || *old == '\0' || g_str_equal (old, "off");

  if (!(off && was_off))
    tally_dashboard_set_refresh (d, off ? "off" : refresh);
}

static void
load_fields (TallyDashboardProperties *self)
{
  TallyDashboard *d = dashboard (self);
  const char * const *tags = tally_dashboard_get_tags (d);
  g_autofree char *tags_text = tags != NULL ? g_strjoinv (", ", (char **) tags) : g_strdup ("");
  const char *refresh = tally_dashboard_get_refresh (d);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), tally_dashboard_get_title (d));
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         tally_dashboard_get_description (d));
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags_text);
  gtk_editable_set_text (GTK_EDITABLE (self->refresh_row),
                         refresh != NULL && *refresh != '\0' ? refresh : "off");
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), tally_dashboard_get_time_from (d));
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), tally_dashboard_get_time_to (d));
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), tally_dashboard_get_source (d));
  gtk_switch_set_active (self->editable_switch, tally_dashboard_get_editable (d));
}

static void
apply_clicked_cb (TallyDashboardProperties *self)
{
  tally_dashboard_properties_apply (self);
}

static void
tally_dashboard_properties_dispose (GObject *object)
{
  TallyDashboardProperties *self = TALLY_DASHBOARD_PROPERTIES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_DASHBOARD_PROPERTIES);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (tally_dashboard_properties_parent_class)->dispose (object);
}

static void
tally_dashboard_properties_finalize (GObject *object)
{
  TallyDashboardProperties *self = TALLY_DASHBOARD_PROPERTIES (object);

  g_free (self->problem);

  G_OBJECT_CLASS (tally_dashboard_properties_parent_class)->finalize (object);
}

static void
tally_dashboard_properties_class_init (TallyDashboardPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_dashboard_properties_dispose;
  object_class->finalize = tally_dashboard_properties_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH
                                               "/tally-dashboard-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardProperties, apply_button);
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardProperties, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardProperties, title_row);
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardProperties, description_row);
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardProperties, tags_row);
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardProperties, refresh_row);
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardProperties, from_row);
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardProperties, to_row);
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardProperties, source_row);
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardProperties, editable_switch);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tally_dashboard_properties_init (TallyDashboardProperties *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tally_dashboard_properties_new:
 * @history: the undo history of the dashboard to edit
 */
GtkWidget *
tally_dashboard_properties_new (TallyDashboardHistory *history)
{
  TallyDashboardProperties *self;
  AdwEntryRow **rows;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_HISTORY (history), NULL);

  self = g_object_new (TALLY_TYPE_DASHBOARD_PROPERTIES, NULL);
  self->history = g_object_ref (history);
  load_fields (self);

  rows = (AdwEntryRow *[]) { self->title_row, self->description_row, self->tags_row,
                             self->refresh_row, self->from_row, self->to_row,
                             self->source_row, NULL };
  for (guint i = 0; rows[i] != NULL; i++)
    g_signal_connect_object (rows[i], "changed", G_CALLBACK (fields_changed_cb), self,
                             G_CONNECT_SWAPPED);
  fields_changed_cb (self);

  return GTK_WIDGET (self);
}

/* What keeps Apply off, naming the field, or %NULL. */
const char *
tally_dashboard_properties_get_problem (TallyDashboardProperties *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_PROPERTIES (self), NULL);

  return self->problem;
}

/**
 * tally_dashboard_properties_apply:
 *
 * What Apply does: writes the fields into the dashboard as one undo step
 * and closes the window.
 *
 * Returns: %FALSE, changing nothing, while a field does not read
 */
gboolean
tally_dashboard_properties_apply (TallyDashboardProperties *self)
{
  TallyDashboard *d;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *tags_text = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *source = NULL;
  g_auto(GStrv) tags = NULL;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_PROPERTIES (self), FALSE);

  if (self->problem != NULL)
    return FALSE;

  d = dashboard (self);
  title = text_of (self->title_row);
  description = text_of (self->description_row);
  tags_text = text_of (self->tags_row);
  tags = parse_tags (tags_text);
  refresh = text_of (self->refresh_row);
  from = text_of (self->from_row);
  to = text_of (self->to_row);
  source = text_of (self->source_row);

  tally_dashboard_history_freeze (self->history);
  tally_dashboard_set_title (d, title);
  tally_dashboard_set_description (d, description);
  tally_dashboard_set_tags (d, (const char * const *) tags);
  set_refresh (d, refresh);
  tally_dashboard_set_time (d, from, to);
  tally_dashboard_set_source (d, source);
  tally_dashboard_set_editable (d, gtk_switch_get_active (self->editable_switch));
  tally_dashboard_history_thaw (self->history);

  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
