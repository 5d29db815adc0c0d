/* tally-panel-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The panel editor: one panel's title, type, query, display options and
 * own time range, with a live preview beside them. The fields edit a copy
 * of the panel; every change rebuilds the copy, checks it and hands it to
 * the preview. Apply writes the copy into the dashboard's panel in one
 * change, so one undo step; Cancel (or Escape, or closing the window)
 * leaves the dashboard as it was. A field that does not read makes its row
 * red and says why under the preview, and Apply waits until it is fixed.
 *
 * Options the editor has no field for stay as they are in the panel's
 * JSON. docs/editing.md. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "tally-panel-chart.h"
#include "tally-panel-editor.h"
#include "tally-panel-gallery.h"

struct _TallyPanelEditor
{
  AdwWindow          parent_instance;

  TallyDashboard    *dashboard;
  TallyPanel        *panel;       /* the dashboard's */
  TallyPanel        *edited;      /* the copy the fields make */
  TallyPanelPreview *preview;
  char              *problem;
  GPtrArray         *dimensions;  /* the values of the dimension rows, "" for none */
  gboolean           loading_fields;

  /* template */
  AdwBin            *preview_bin;
  GtkLabel          *problem_label;
  GtkWidget         *apply_button;
  AdwEntryRow       *title_row;
  AdwEntryRow       *description_row;
  AdwComboRow       *type_row;
  AdwComboRow       *metric_row;
  AdwComboRow       *stat_row;
  AdwComboRow       *group_row;
  AdwComboRow       *rows_row;
  AdwComboRow       *columns_row;
  GtkWidget         *top_row;
  GtkSpinButton     *top_spin;
  GtkWidget         *limit_row;
  GtkSpinButton     *limit_spin;
  AdwEntryRow       *filters_row;
  AdwEntryRow       *interval_row;
  AdwEntryRow       *unit_row;
  AdwEntryRow       *decimals_row;
  AdwEntryRow       *thresholds_row;
  AdwEntryRow       *from_row;
  AdwEntryRow       *to_row;
};

G_DEFINE_FINAL_TYPE (TallyPanelEditor, tally_panel_editor, ADW_TYPE_WINDOW)

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* Names the first field that does not read; the others go unmarked
 * until it is fixed. */
static gboolean
fail (TallyPanelEditor *self,
      GtkWidget        *row,
      const char       *field,
      const char       *message)
{
  if (self->problem != NULL)
    return FALSE;
  /* Translators: a field of the panel editor, then what is wrong with it */
  self->problem = g_strdup_printf (_("%s: %s"), field, message);
  gtk_widget_add_css_class (row, "error");
  return FALSE;
}

static gboolean
read_dimension (TallyPanelEditor *self,
                AdwComboRow      *row,
                const char       *field,
                TallyDimension   *dimension)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *name = selected < self->dimensions->len ? self->dimensions->pdata[selected] : "";
  g_autoptr(GError) error = NULL;

  tally_dimension_clear (dimension);
  dimension->kind = TALLY_N_DIMENSIONS;
  if (*name == '\0' || !gtk_widget_get_visible (GTK_WIDGET (row)))
    return TRUE;
  if (!tally_dimension_parse (name, dimension, &error))
    return fail (self, GTK_WIDGET (row), field, error->message);
  return TRUE;
}

/* "model=gpt-4o, status=429": each clause as `tally query --filter`. */
static gboolean
read_filters (TallyPanelEditor *self,
              TallyQuery       *query)
{
  g_auto(GStrv) clauses = g_strsplit (text_of (self->filters_row), ",", -1);

  g_ptr_array_set_size (query->filters, 0);
  for (guint i = 0; clauses[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      char *clause = g_strstrip (clauses[i]);

      if (*clause == '\0')
        continue;
      if (!tally_query_parse_filter (query, clause, &error))
        return fail (self, GTK_WIDGET (self->filters_row), _("Filters"), error->message);
    }
  return TRUE;
}

static gboolean
read_interval (TallyPanelEditor *self,
               TallyQuery       *query)
{
  g_autofree char *text = g_strstrip (g_strdup (text_of (self->interval_row)));
  g_autoptr(GError) error = NULL;

  query->interval_s = 0;
  if (*text == '\0' || g_str_equal (text, "auto"))
    return TRUE;
  if (!tally_time_parse_interval (text, &query->interval_s, &error))
    return fail (self, GTK_WIDGET (self->interval_row), _("Interval"), error->message);
  return TRUE;
}

static gboolean
read_query (TallyPanelEditor *self,
            TallyPanelType    type)
{
  g_autoptr(TallyQuery) query = tally_query_copy (tally_panel_get_query (self->panel));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  query->metric = adw_combo_row_get_selected (self->metric_row);
  query->stat = adw_combo_row_get_selected (self->stat_row);
  ok = read_dimension (self, self->group_row, _("Group By"), &query->group_by);
  ok &= read_dimension (self, self->rows_row, _("Rows"), &query->rows);
  ok &= read_dimension (self, self->columns_row, _("Columns"), &query->columns);
  query->top = gtk_spin_button_get_value_as_int (self->top_spin);
  query->limit = gtk_spin_button_get_value_as_int (self->limit_spin);
  ok &= read_filters (self, query);
  ok &= read_interval (self, query);
  if (!ok)
    return FALSE;

  query->shape = tally_panel_type_get_shape (type, query);
  if (!tally_metric_check_stat (query->metric, query->stat, &error))
    return fail (self, GTK_WIDGET (self->stat_row), _("Statistic"), error->message);
  if (!tally_query_validate (query, &error))
    return fail (self, GTK_WIDGET (self->metric_row), _("Query"), error->message);

  tally_panel_set_query (self->edited, query);
  return TRUE;
}

/* "0.05 warning, 0.1 error" → [{"value":0.05,"color":"warning"}, …];
 * the options' reader checks the colours. */
static gboolean
read_thresholds (TallyPanelEditor *self,
                 JsonObject       *options)
{
  g_auto(GStrv) items = g_strsplit (text_of (self->thresholds_row), ",", -1);
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (g_strstrip (items[i]), " ", 2);
      JsonObject *threshold;
      char *end = NULL;
      double value;

      if (words[0] == NULL || *words[0] == '\0')
        continue;
      value = g_ascii_strtod (words[0], &end);
      if (end == words[0] || *end != '\0' || words[1] == NULL)
        return fail (self, GTK_WIDGET (self->thresholds_row), _("Thresholds"),
                     _("each is a number and a colour, such as “0.05 warning”"));
      threshold = json_object_new ();
      json_object_set_double_member (threshold, "value", value);
      json_object_set_string_member (threshold, "color", g_strstrip (words[1]));
      json_array_add_object_element (array, threshold);
    }

  if (json_array_get_length (array) > 0)
    json_object_set_array_member (options, "thresholds", g_steal_pointer (&array));
  else
    json_object_remove_member (options, "thresholds");
  return TRUE;
}

static gboolean
read_options (TallyPanelEditor *self)
{
  JsonObject *original = tally_panel_get_options (self->panel);
  g_autoptr(JsonObject) options = json_object_new ();
  g_autofree char *unit = g_strstrip (g_strdup (text_of (self->unit_row)));
  g_autofree char *decimals = g_strstrip (g_strdup (text_of (self->decimals_row)));
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyChartOptions) checked = NULL;

  /* Keys the editor has no field for stay, in their order. */
  if (original != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (original);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (options, l->data,
                                json_node_copy (json_object_get_member (original, l->data)));
    }

  if (*unit != '\0')
    json_object_set_string_member (options, "unit", unit);
  else
    json_object_remove_member (options, "unit");

  if (*decimals == '\0')
    json_object_remove_member (options, "decimals");
  else
    {
      char *end = NULL;
      gint64 n = g_ascii_strtoll (decimals, &end, 10);

      if (*end != '\0' || n < 0 || n > 10)
        return fail (self, GTK_WIDGET (self->decimals_row), _("Decimals"),
                     _("a whole number from 0 to 10, or empty"));
      json_object_set_int_member (options, "decimals", n);
    }

  if (!read_thresholds (self, options))
    return FALSE;

  tally_panel_set_options (self->edited, options);
  if ((checked = tally_panel_chart_options (self->edited, &error)) == NULL)
    return fail (self, GTK_WIDGET (self->thresholds_row), _("Display"), error->message);
  return TRUE;
}

static gboolean
read_range (TallyPanelEditor *self)
{
  g_autofree char *from = g_strstrip (g_strdup (text_of (self->from_row)));
  g_autofree char *to = g_strstrip (g_strdup (text_of (self->to_row)));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GError) error = NULL;

  if (*from == '\0' && *to == '\0')
    {
      tally_panel_set_time (self->edited, NULL, NULL);
      return TRUE;
    }
  if (*from == '\0' || *to == '\0')
    return fail (self, GTK_WIDGET (*from == '\0' ? self->from_row : self->to_row),
                 _("Time range"), _("give both ends, or neither for the dashboard’s"));
  if ((range = tally_time_range_parse (from, to, now, &error)) == NULL)
    return fail (self, GTK_WIDGET (self->from_row), _("Time range"), error->message);

  tally_panel_set_time (self->edited, from, to);
  return TRUE;
}

static void
clear_marks (TallyPanelEditor *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->title_row), GTK_WIDGET (self->stat_row), GTK_WIDGET (self->metric_row),
    GTK_WIDGET (self->group_row), GTK_WIDGET (self->rows_row), GTK_WIDGET (self->columns_row),
    GTK_WIDGET (self->filters_row), GTK_WIDGET (self->interval_row),
    GTK_WIDGET (self->decimals_row), GTK_WIDGET (self->thresholds_row),
    GTK_WIDGET (self->from_row), GTK_WIDGET (self->to_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
  g_clear_pointer (&self->problem, g_free);
}

/* Which fields the type uses. */
static void
update_visible (TallyPanelEditor *self,
                TallyPanelType    type)
{
  gboolean table = type == TALLY_PANEL_TABLE || type == TALLY_PANEL_LOGS;
  gboolean heatmap = type == TALLY_PANEL_HEATMAP;
  gboolean scalar = type == TALLY_PANEL_STAT || type == TALLY_PANEL_GAUGE;

  gtk_widget_set_visible (GTK_WIDGET (self->group_row), !table && !heatmap && !scalar);
  gtk_widget_set_visible (self->top_row, !table && !scalar);
  gtk_widget_set_visible (GTK_WIDGET (self->rows_row), heatmap);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_row), heatmap);
  gtk_widget_set_visible (self->limit_row, table);
  gtk_widget_set_visible (GTK_WIDGET (self->interval_row), !table && !scalar);
}

/* Rebuilds the copy from the fields, checks it, and previews it. */
static void
fields_changed_cb (TallyPanelEditor *self)
{
  TallyPanelType type = adw_combo_row_get_selected (self->type_row);
  const char *title = text_of (self->title_row);
  gboolean ok;

  if (self->loading_fields)
    return;

  clear_marks (self);
  update_visible (self, type);
  g_clear_object (&self->edited);
  self->edited = tally_panel_copy (self->panel);
  tally_panel_set_panel_type (self->edited, type);
  tally_panel_set_title (self->edited, title);
  tally_panel_set_description (self->edited, text_of (self->description_row));

  ok = !blank (title) ||
       fail (self, GTK_WIDGET (self->title_row), _("Title"), _("a panel needs a title"));
  ok &= read_query (self, type);
  ok &= read_options (self);
  ok &= read_range (self);

  gtk_label_set_text (self->problem_label, self->problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->problem != NULL);
  gtk_widget_set_sensitive (self->apply_button, ok);
  if (ok)
    tally_panel_preview_set_panel (self->preview, self->edited);
}

/* The dimension rows' values: none, then every dimension a query groups
 * by or a heatmap lays out, then the panel's own if it is another (a
 * label). */
static GtkStringList *
dimension_model (TallyPanelEditor *self)
{
  GtkStringList *titles = gtk_string_list_new (NULL);
  const TallyQuery *query = tally_panel_get_query (self->panel);
  const TallyDimension *own[] = { &query->group_by, &query->rows, &query->columns };

  g_ptr_array_add (self->dimensions, g_strdup (""));
  gtk_string_list_append (titles, _("None"));
  for (TallyDimensionKind kind = 0; kind < TALLY_N_DIMENSIONS; kind++)
    {
      if (kind == TALLY_DIMENSION_LABEL || kind == TALLY_DIMENSION_TIME)
        continue;
      g_ptr_array_add (self->dimensions, g_strdup (tally_dimension_kind_to_string (kind)));
      gtk_string_list_append (titles, tally_dimension_get_title (kind));
    }
  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    {
      g_autofree char *name = NULL;

      if (own[i]->kind != TALLY_DIMENSION_LABEL)
        continue;
      name = tally_dimension_to_string (own[i]);
      if (!g_ptr_array_find_with_equal_func (self->dimensions, name, g_str_equal, NULL))
        {
          gtk_string_list_append (titles, name);
          g_ptr_array_add (self->dimensions, g_steal_pointer (&name));
        }
    }

  return titles;
}

static guint
dimension_index (TallyPanelEditor     *self,
                 const TallyDimension *dimension)
{
  g_autofree char *name = NULL;
  guint index = 0;

  if (dimension->kind == TALLY_N_DIMENSIONS)
    return 0;
  name = tally_dimension_to_string (dimension);
  g_ptr_array_find_with_equal_func (self->dimensions, name, g_str_equal, &index);
  return index;
}

static void
setup_combos (TallyPanelEditor *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) metrics = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) stats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) dimensions = dimension_model (self);

  /* The rows hold the enums' values in their order. */
  for (TallyPanelType type = 0; type < TALLY_N_PANEL_TYPES; type++)
    gtk_string_list_append (types, tally_panel_type_get_title (type));
  for (TallyMetric metric = 0; metric < TALLY_N_METRICS; metric++)
    gtk_string_list_append (metrics, tally_metric_get_title (metric));
  for (TallyStat stat = 0; stat < TALLY_N_STATS; stat++)
    gtk_string_list_append (stats, tally_stat_get_title (stat));

  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  adw_combo_row_set_model (self->metric_row, G_LIST_MODEL (metrics));
  adw_combo_row_set_model (self->stat_row, G_LIST_MODEL (stats));
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (dimensions));
  adw_combo_row_set_model (self->rows_row, G_LIST_MODEL (dimensions));
  adw_combo_row_set_model (self->columns_row, G_LIST_MODEL (dimensions));
}

static char *
filters_text (const TallyQuery *query)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < query->filters->len; i++)
    {
      const TallyFilter *filter = query->filters->pdata[i];
      g_autofree char *dimension = tally_dimension_to_string (&filter->dimension);

      for (guint j = 0; filter->values[j] != NULL; j++)
        g_string_append_printf (text, "%s%s=%s", text->len > 0 ? ", " : "", dimension,
                                filter->values[j]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
thresholds_text (JsonObject *options)
{
  JsonArray *array = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (options != NULL && json_object_has_member (options, "thresholds") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (options, "thresholds")))
    array = json_object_get_array_member (options, "thresholds");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *threshold = json_array_get_object_element (array, i);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      if (threshold == NULL)
        continue;
      g_ascii_dtostr (number, sizeof number,
                      json_object_get_double_member_with_default (threshold, "value", 0));
      g_string_append_printf (text, "%s%s %s", text->len > 0 ? ", " : "", number,
                              json_object_get_string_member_with_default (threshold, "color",
                                                                          ""));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
option_string (JsonObject *options,
               const char *name)
{
  JsonNode *node = options != NULL ? json_object_get_member (options, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : "";
}

static void
load_fields (TallyPanelEditor *self)
{
  const TallyQuery *query = tally_panel_get_query (self->panel);
  JsonObject *options = tally_panel_get_options (self->panel);
  JsonNode *decimals = options != NULL ? json_object_get_member (options, "decimals") : NULL;
  g_autofree char *filters = filters_text (query);
  g_autofree char *thresholds = thresholds_text (options);
  g_autofree char *interval = query->interval_s > 0
                              ? tally_time_format_interval (query->interval_s)
                              : g_strdup ("auto");
  g_autofree char *decimals_text = decimals != NULL && JSON_NODE_HOLDS_VALUE (decimals)
                                   ? g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      json_node_get_int (decimals))
                                   : g_strdup ("");
  const char *from = tally_panel_get_time_from (self->panel);
  const char *to = tally_panel_get_time_to (self->panel);

  self->loading_fields = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), tally_panel_get_title (self->panel));
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         tally_panel_get_description (self->panel));
  adw_combo_row_set_selected (self->type_row, tally_panel_get_panel_type (self->panel));
  adw_combo_row_set_selected (self->metric_row, query->metric);
  adw_combo_row_set_selected (self->stat_row, query->stat);
  adw_combo_row_set_selected (self->group_row, dimension_index (self, &query->group_by));
  adw_combo_row_set_selected (self->rows_row, dimension_index (self, &query->rows));
  adw_combo_row_set_selected (self->columns_row, dimension_index (self, &query->columns));
  gtk_spin_button_set_value (self->top_spin, query->top);
  gtk_spin_button_set_value (self->limit_spin,
                             query->limit > 0 ? query->limit : TALLY_QUERY_DEFAULT_LIMIT);
  gtk_editable_set_text (GTK_EDITABLE (self->filters_row), filters);
  gtk_editable_set_text (GTK_EDITABLE (self->interval_row), interval);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), option_string (options, "unit"));
  gtk_editable_set_text (GTK_EDITABLE (self->decimals_row), decimals_text);
  gtk_editable_set_text (GTK_EDITABLE (self->thresholds_row), thresholds);
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from != NULL ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to != NULL ? to : "");
  self->loading_fields = FALSE;
}

static void
connect_fields (TallyPanelEditor *self)
{
  GObject *editables[] = {
    G_OBJECT (self->title_row), G_OBJECT (self->description_row), G_OBJECT (self->filters_row),
    G_OBJECT (self->interval_row), G_OBJECT (self->unit_row), G_OBJECT (self->decimals_row),
    G_OBJECT (self->thresholds_row), G_OBJECT (self->from_row), G_OBJECT (self->to_row),
  };
  GObject *combos[] = {
    G_OBJECT (self->type_row), G_OBJECT (self->metric_row), G_OBJECT (self->stat_row),
    G_OBJECT (self->group_row), G_OBJECT (self->rows_row), G_OBJECT (self->columns_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (editables); i++)
    g_signal_connect_object (editables[i], "changed", G_CALLBACK (fields_changed_cb), self,
                             G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    g_signal_connect_object (combos[i], "notify::selected", G_CALLBACK (fields_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->top_spin, "value-changed", G_CALLBACK (fields_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->limit_spin, "value-changed", G_CALLBACK (fields_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
apply_clicked_cb (TallyPanelEditor *self)
{
  tally_panel_editor_apply (self);
}

static void
tally_panel_editor_dispose (GObject *object)
{
  TallyPanelEditor *self = TALLY_PANEL_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_PANEL_EDITOR);
  g_clear_object (&self->edited);
  g_clear_object (&self->panel);
  g_clear_object (&self->dashboard);

  G_OBJECT_CLASS (tally_panel_editor_parent_class)->dispose (object);
}

static void
tally_panel_editor_finalize (GObject *object)
{
  TallyPanelEditor *self = TALLY_PANEL_EDITOR (object);

  g_free (self->problem);
  g_ptr_array_unref (self->dimensions);

  G_OBJECT_CLASS (tally_panel_editor_parent_class)->finalize (object);
}

static void
tally_panel_editor_class_init (TallyPanelEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_panel_editor_dispose;
  object_class->finalize = tally_panel_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/tally-panel-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TallyPanelEditor, name)
  BIND (preview_bin);
  BIND (problem_label);
  BIND (apply_button);
  BIND (title_row);
  BIND (description_row);
  BIND (type_row);
  BIND (metric_row);
  BIND (stat_row);
  BIND (group_row);
  BIND (rows_row);
  BIND (columns_row);
  BIND (top_row);
  BIND (top_spin);
  BIND (limit_row);
  BIND (limit_spin);
  BIND (filters_row);
  BIND (interval_row);
  BIND (unit_row);
  BIND (decimals_row);
  BIND (thresholds_row);
  BIND (from_row);
  BIND (to_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  g_type_ensure (TALLY_TYPE_PANEL_PREVIEW);
}

static void
tally_panel_editor_init (TallyPanelEditor *self)
{
  self->dimensions = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tally_panel_editor_new:
 * @dashboard: the dashboard @panel is in, for its range and filters
 * @panel: the panel to edit; it changes only on Apply
 * @source: (nullable): where the preview gets its data
 */
GtkWidget *
tally_panel_editor_new (TallyDashboard *dashboard,
                        TallyPanel     *panel,
                        TallySource    *source)
{
  TallyPanelEditor *self;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), NULL);
  g_return_val_if_fail (TALLY_IS_PANEL (panel), NULL);

  self = g_object_new (TALLY_TYPE_PANEL_EDITOR, NULL);
  self->dashboard = g_object_ref (dashboard);
  self->panel = g_object_ref (panel);
  self->preview = TALLY_PANEL_PREVIEW (tally_panel_preview_new (source, dashboard));
  adw_bin_set_child (self->preview_bin, GTK_WIDGET (self->preview));

  setup_combos (self);
  load_fields (self);
  connect_fields (self);
  fields_changed_cb (self);

  return GTK_WIDGET (self);
}

/* Transfer none: the panel as the fields make it, not yet applied. */
TallyPanel *
tally_panel_editor_get_panel (TallyPanelEditor *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_EDITOR (self), NULL);

  return self->edited;
}

TallyPanelPreview *
tally_panel_editor_get_preview (TallyPanelEditor *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_EDITOR (self), NULL);

  return self->preview;
}

/* What keeps Apply off, naming the field ("Interval: …"), or %NULL. */
const char *
tally_panel_editor_get_problem (TallyPanelEditor *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_EDITOR (self), NULL);

  return self->problem;
}

/**
 * tally_panel_editor_apply:
 *
 * What Apply does: writes the fields into the dashboard's panel, in one
 * change (one undo step), and closes the editor.
 *
 * Returns: %FALSE, changing nothing, while a field does not read
 */
gboolean
tally_panel_editor_apply (TallyPanelEditor *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_EDITOR (self), FALSE);

  if (self->problem != NULL)
    return FALSE;
  tally_panel_update_from (self->panel, self->edited);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
