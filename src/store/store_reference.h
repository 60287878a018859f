/*
 * store_reference.h - the reference lists of db/0003_reference.sql,
 * shared by the document shelf, the practice catalogue and the member
 * directory: themes, régions, départements. Included by store.h;
 * implemented in store_reference.c.
 */
#ifndef PALABRE_STORE_REFERENCE_H
#define PALABRE_STORE_REFERENCE_H

#include <stddef.h>

struct store_theme {
	char	*key;		/* "acces-droits" */
	char	*label;		/* « Accès aux droits » */
};

struct store_region {
	char	*code;		/* "11" */
	char	*name;		/* « Île-de-France » */
};

struct store_departement {
	char	*code;		/* "93", "2A", "971" */
	char	*name;		/* « Seine-Saint-Denis » */
	char	*region_code;
};

/* In their order of lists (themes: position; régions: name;
 * départements: code). */
int	 store_theme_list(struct store *, struct store_theme **, size_t *);
void	 store_theme_list_free(struct store_theme *, size_t);
int	 store_region_list(struct store *, struct store_region **, size_t *);
void	 store_region_list_free(struct store_region *, size_t);
/* region_code NULL: all of them. */
int	 store_departement_list(struct store *, const char *region_code,
	    struct store_departement **, size_t *);
void	 store_departement_list_free(struct store_departement *, size_t);
/* « 93 Seine-Saint-Denis » for code "93" (new string), or NULL if the
 * code is unknown. */
char	*store_departement_label(struct store *, const char *code);
/* The label of a theme key (new string), or NULL if unknown. */
char	*store_theme_label(struct store *, const char *key);

/* A key and its label. */
struct store_choice {
	const char	*key;
	const char	*label;
};

/* Types of organisation, for the practice catalogue and the directory
 * (constant data, in this order in lists). */
extern const struct store_choice store_org_types[];
extern const size_t store_norg_types;
/* The label of a type key: "" for NULL or "", NULL if unknown. */
const char	*store_org_type_label(const char *key);
/* What a member typed (a key, a label or the start of one, accents and
 * case ignored) to an index of store_org_types, or -1. */
int		 store_org_type_parse(const char *typed);

#endif /* PALABRE_STORE_REFERENCE_H */
