pragma Singleton
import QtQuick

// Colours of the light and dark themes; `dark` is set by the main window
// from the appearance setting and the system palette.
QtObject {
    property bool dark: false

    readonly property color window: dark ? "#1b1e23" : "#f6f7f9"
    readonly property color sidebar: dark ? "#15171b" : "#eceef1"
    readonly property color surface: dark ? "#23272e" : "#ffffff"
    readonly property color text: dark ? "#e6e8eb" : "#1d2126"
    readonly property color mutedText: dark ? "#9aa3ad" : "#5f6873"
    readonly property color accent: dark ? "#5b9dff" : "#2f6fd6"
    readonly property color accentText: "#ffffff"
    readonly property color userBubble: dark ? "#1f3a5f" : "#dce9fb"
    readonly property color assistantBubble: surface
    readonly property color border: dark ? "#343a43" : "#d9dde3"
    readonly property color selection: dark ? "#2a3442" : "#dfe6f0"
    readonly property color errorBackground: dark ? "#4a2326" : "#fde8e8"
    readonly property color errorText: dark ? "#ffb4b4" : "#a4161a"
    readonly property color warningBackground: dark ? "#4a3b1c" : "#fff4d6"
    readonly property color okText: dark ? "#8fdc9b" : "#1d7a35"
    readonly property color badge: dark ? "#2d3440" : "#e6ebf2"
    // The style sheets of rendered Markdown, set by the main window from the
    // renderer's (this module sits below the one that renders Markdown).
    property string markdownStyleLight
    property string markdownStyleDark
    readonly property string markdownStyle: dark ? markdownStyleDark : markdownStyleLight

    // An action icon by its lucide name (resources/icons/actions/icons.txt).
    // The files are black strokes; controls tint them with icon.color.
    function icon(name) {
        return "qrc:/icons/" + name + ".svg"
    }
}
