import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench
import Muxi.Workbench.Common
import Muxi.Workbench.Chat
import Muxi.Workbench.Settings
import Muxi.Workbench.Compare

ApplicationWindow {
    id: window

    // "chat", "compare", "settings" or "firstrun"; the screenshot test sets it directly.
    property string page: "chat"
    property alias settingsTab: settingsPage.currentTab

    width: 1120
    height: 760
    minimumWidth: 720
    minimumHeight: 480
    visible: true
    title: Workbench.chat.conversationTitle.length > 0
           ? qsTr("%1 — Muxi Workbench").arg(Workbench.chat.conversationTitle)
           : qsTr("Muxi Workbench")
    color: Theme.window

    SystemPalette {
        id: systemPalette
        colorGroup: SystemPalette.Active
    }

    Binding {
        target: Theme
        property: "dark"
        value: Workbench.settings.theme === "dark"
               || (Workbench.settings.theme === "system" && systemPalette.window.hslLightness < 0.5)
    }
    Binding {
        target: Theme
        property: "markdownStyleLight"
        value: Workbench.markdownStyleLight
    }
    Binding {
        target: Theme
        property: "markdownStyleDark"
        value: Workbench.markdownStyleDark
    }

    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.alternateBase: Theme.sidebar
    palette.text: Theme.text
    palette.button: Theme.surface
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.placeholderText: Theme.mutedText
    palette.mid: Theme.border
    palette.light: Theme.surface
    palette.dark: Theme.border
    palette.toolTipBase: Theme.surface
    palette.toolTipText: Theme.text

    Component.onCompleted: {
        if (!Workbench.settings.firstRunDone && Workbench.providers.usableCount === 0)
            page = "firstrun"
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            Layout.fillHeight: true
            Layout.preferredWidth: 270
            onSettingsRequested: window.page = "settings"
            onCompareRequested: window.page = "compare"
            onConversationChosen: window.page = "chat"
        }

        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            color: Theme.border
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: window.page === "settings" ? 1 : window.page === "firstrun" ? 2 : window.page === "compare" ? 3 : 0

            ChatView {
                id: chatView
                workbench: Workbench
            }
            SettingsPage {
                id: settingsPage
                workbench: Workbench
                onDone: window.page = "chat"
            }
            FirstRunPage {
                onDone: {
                    Workbench.settings.firstRunDone = true
                    window.page = "chat"
                }
                onAddKeyRequested: {
                    Workbench.settings.firstRunDone = true
                    window.page = "settings"
                }
            }
            CompareView {
                id: compareView
                workbench: Workbench
            }
        }
    }
}
